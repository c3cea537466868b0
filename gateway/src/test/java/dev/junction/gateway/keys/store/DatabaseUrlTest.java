package dev.junction.gateway.keys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.config.ConfigException;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void litellm_url_becomes_a_jdbc_url_without_credentials() {
        DatabaseUrl url =
                DatabaseUrl.parse("postgresql://llm:s3cr%40t%2Fx@db.internal:5433/litellm?sslmode=require", "s");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/litellm?sslmode=require");
        assertThat(url.user()).isEqualTo("llm");
        assertThat(url.password().reveal()).isEqualTo("s3cr@t/x");
        assertThat(url.toString())
                .isEqualTo("postgresql (db.internal:5433/litellm)")
                .doesNotContain("s3cr");
    }

    @Test
    void postgres_scheme_unencoded_at_sign_and_prisma_schema_are_accepted() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@ss@localhost/db?schema=junction&connection_limit=5", "s");
        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password().reveal()).isEqualTo("p@ss");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db?currentSchema=junction&connection_limit=5");
    }

    @Test
    void jdbc_urls_have_their_credentials_moved_out_of_the_url() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5432/d?user=a&password=b%26c&ssl=true", "s");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?ssl=true");
        assertThat(url.user()).isEqualTo("a");
        assertThat(url.password().reveal()).isEqualTo("b&c");
        DatabaseUrl bare = DatabaseUrl.parse("postgresql://h/d", "s");
        assertThat(bare.user()).isNull();
        assertThat(bare.password()).isNull();
    }

    @Test
    void other_urls_are_refused_naming_the_setting_and_the_expected_form() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/d", "general_settings.database_url"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("general_settings.database_url: must be a postgresql:// URL; expected"
                        + " postgresql://user:password@host:5432/db");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:p@/d", "DATABASE_URL"))
                .hasMessage("DATABASE_URL: has no host; expected postgresql://user:password@host:5432/db");
    }

    @Test
    void a_port_the_driver_cannot_read_is_refused_without_showing_the_password() {
        for (String url : new String[] {
            "postgresql://u:s3cret@localhost:notaport/db",
            "postgresql://u:s3cret@localhost:99999/db",
            "postgresql://u:s3cret@localhost:/db",
            "postgresql://u:s3cret@h1:5432,:5433/db"
        }) {
            assertThatThrownBy(() -> DatabaseUrl.parse(url, "general_settings.database_url"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("general_settings.database_url: has a host or port the PostgreSQL driver cannot"
                            + " read; expected postgresql://user:password@host:5432/db");
        }
        assertThat(DatabaseUrl.parse("postgresql://u:p@[::1]:5432,db2:6432/d", "s")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432,db2:6432/d");
    }
}
