package dev.junction.gateway.keys;

import dev.junction.cluster.spend.SpendWrite;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of keys, teams and spend. Every method blocks (JDBC): call it on a worker thread, never
 * on an event loop. The cluster-wide cache in front of it is the KeyDirectory.
 */
public interface KeyStore extends AutoCloseable {

    /** Adds a key. Fails with {@link DuplicateEntryException} when its token or alias is taken. */
    void insertKey(VirtualKey key);

    /**
     * Replaces every field of the stored key with the same token except {@code spend}, which only the spend
     * methods change (so an update never loses spend written meanwhile). False when no such key exists.
     * Fails with {@link DuplicateEntryException} when the new alias is taken by another key.
     */
    boolean updateKey(VirtualKey key);

    Optional<VirtualKey> findKey(String token);

    Optional<VirtualKey> findKeyByAlias(String alias);

    /** Keys ordered by creation, optionally only those of one team ({@code teamId} null: all). */
    List<VirtualKey> listKeys(String teamId, int offset, int limit);

    int countKeys(String teamId);

    /** Deletes the keys that exist among {@code tokens} and returns their tokens. */
    List<String> deleteKeys(Collection<String> tokens);

    /**
     * Gives a key a new token (regeneration): the row keeps its spend and settings, takes the token and key
     * name of {@code renamed}. False when {@code oldToken} does not exist.
     */
    boolean replaceToken(String oldToken, String newToken, String newKeyName, Instant updatedAt);

    /** Adds a team. Fails with {@link DuplicateEntryException} when its id is taken. */
    void insertTeam(Team team);

    /** As {@link #updateKey}, for a team. */
    boolean updateTeam(Team team);

    Optional<Team> findTeam(String teamId);

    List<Team> listTeams(int offset, int limit);

    /** Deletes the teams that exist among {@code teamIds} and returns their ids. Their keys stay. */
    List<String> deleteTeams(Collection<String> teamIds);

    /**
     * Applies the cluster's spend writes in one transaction, each at most once per write id (a write repeated
     * after its member died changes nothing); subjects that no longer exist are skipped.
     */
    void writeSpend(Collection<SpendWrite> writes);

    /** Sets a subject's spend outright (an admin's {@code spend} in {@code /key/update}). */
    void setSpend(String subjectId, double spend);

    /** The models added through the model API, in the same database. */
    dev.junction.gateway.models.ModelStore models();

    /** "embedded (path)" or "postgresql (host:port/db)": never a password. */
    String describe();

    @Override
    void close();
}
