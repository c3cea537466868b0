package dev.junction.gateway.keys.store;

import dev.junction.gateway.models.ModelStore;
import dev.junction.gateway.models.StoredModel;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@link ModelStore} in the key store's database (tables of {@code V5__runtime_models.sql} and {@code
 * V9__runtime_config.sql}).
 */
final class ModelSql implements ModelStore {
    private static final String VERSION_NAME = "models";
    private static final String ROUTER_SETTINGS = "router_settings";

    private final Sql sql;

    ModelSql(Sql sql) {
        this.sql = sql;
    }

    @Override
    public List<StoredModel> listModels() {
        return sql.run("list the models", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT model_id, model_name, litellm_params, model_info FROM junction_models"
                                    + " ORDER BY created_at, model_id");
                    ResultSet rows = statement.executeQuery()) {
                List<StoredModel> models = new ArrayList<>();
                while (rows.next()) {
                    models.add(new StoredModel(
                            rows.getString(1),
                            rows.getString(2),
                            new JsonObject(rows.getString(3)),
                            new JsonObject(rows.getString(4))));
                }
                return models;
            }
        });
    }

    /** Update first, insert when there was nothing to update: the same statements on PostgreSQL and H2. */
    @Override
    public void saveModel(StoredModel model) {
        KeyRows.text("model_info.id", model.id(), KeyRows.MAX_ID_LENGTH);
        long now = System.currentTimeMillis();
        sql.transaction("save a model", connection -> {
            if (update(connection, model, now) == 0) {
                insert(connection, model, now);
            }
            return null;
        });
    }

    private static int update(Connection connection, StoredModel model, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE junction_models SET model_name = ?,"
                + " litellm_params = ?, model_info = ?, updated_at = ? WHERE model_id = ?")) {
            statement.setString(1, model.modelName());
            statement.setString(2, model.litellmParams().encode());
            statement.setString(3, model.modelInfo().encode());
            statement.setLong(4, now);
            statement.setString(5, model.id());
            return statement.executeUpdate();
        }
    }

    private static void insert(Connection connection, StoredModel model, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO junction_models (model_id,"
                + " model_name, litellm_params, model_info, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, model.id());
            statement.setString(2, model.modelName());
            statement.setString(3, model.litellmParams().encode());
            statement.setString(4, model.modelInfo().encode());
            statement.setLong(5, now);
            statement.setLong(6, now);
            statement.executeUpdate();
        }
    }

    @Override
    public boolean deleteModel(String id) {
        return !sql.deleteAll("junction_models", "model_id", List.of(id)).isEmpty();
    }

    @Override
    public Optional<JsonObject> routerSettings() {
        return sql.run("read the router settings", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT param_value FROM junction_config WHERE param_name = ?")) {
                statement.setString(1, ROUTER_SETTINGS);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(new JsonObject(rows.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void saveRouterSettings(JsonObject settings) {
        long now = System.currentTimeMillis();
        sql.transaction("save the router settings", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE junction_config SET param_value = ?, updated_at = ? WHERE param_name = ?")) {
                update.setString(1, settings.encode());
                update.setLong(2, now);
                update.setString(3, ROUTER_SETTINGS);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO junction_config (param_name, param_value, updated_at) VALUES (?, ?, ?)")) {
                insert.setString(1, ROUTER_SETTINGS);
                insert.setString(2, settings.encode());
                insert.setLong(3, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public OptionalLong configVersion() {
        return sql.run("read the config version", connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT version FROM junction_config_versions WHERE name = ?")) {
                statement.setString(1, VERSION_NAME);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    @Override
    public void saveConfigVersion(long version) {
        sql.transaction("save the config version", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE junction_config_versions SET version = ? WHERE name = ? AND version < ?")) {
                update.setLong(1, version);
                update.setString(2, VERSION_NAME);
                update.setLong(3, version);
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO junction_config_versions (name, version) SELECT ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM junction_config_versions WHERE name = ?)")) {
                insert.setString(1, VERSION_NAME);
                insert.setLong(2, version);
                insert.setString(3, VERSION_NAME);
                insert.executeUpdate();
            }
            return null;
        });
    }
}
