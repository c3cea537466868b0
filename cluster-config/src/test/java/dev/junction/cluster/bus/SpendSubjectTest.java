package dev.junction.cluster.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpendSubjectTest {
    private static SpendSubject of(String id) {
        return new SpendSubject(id, null, null, null, null, null, 0, 0);
    }

    @Test
    void every_kind_of_holder_is_named_as_errors_name_it() {
        assertThat(of(SpendSubject.KEY + "abc").label()).isEqualTo("key");
        assertThat(of(SpendSubject.TEAM + "research").label()).isEqualTo("team research");
        assertThat(of(SpendSubject.USER + "ada").label()).isEqualTo("user ada");
        assertThat(of(SpendSubject.ORG + "acme").label()).isEqualTo("organization acme");
        assertThat(of(SpendSubject.END_USER + "customer-1").label()).isEqualTo("end user customer-1");
        assertThat(of(SpendSubject.memberId("team:with:colons", "ada")).label())
                .isEqualTo("team member ada of team team:with:colons");
    }
}
