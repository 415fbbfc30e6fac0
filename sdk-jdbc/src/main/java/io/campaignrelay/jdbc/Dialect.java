package io.campaignrelay.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The databases the store supports, and the little SQL that differs between them. */
enum Dialect {
  /** PostgreSQL 12 or newer. */
  POSTGRESQL("PostgreSQL"),
  /** H2 2.x. */
  H2("H2");

  private final String productName;

  Dialect(String productName) {
    this.productName = productName;
  }

  String productName() {
    return productName;
  }

  /** The dialect of a connection's database, or null when it is neither PostgreSQL nor H2. */
  static Dialect of(Connection c) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName();
    for (Dialect d : values()) {
      if (d.productName.equalsIgnoreCase(product)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The upsert of rows of {@code columns}, each replacing any row with the same key; the rows of
   * one execution must have distinct keys (PostgreSQL refuses to update a row twice in one
   * statement).
   *
   * <p>PostgreSQL: one {@code INSERT ... SELECT FROM unnest(?, ?, ...) ON CONFLICT DO UPDATE} with
   * one text array parameter per column (cast to {@code casts}), executed once for all the rows: a
   * single round trip and a statement of constant size, however many rows. H2: {@code MERGE ...
   * KEY} with one parameter per column, executed as a JDBC batch (embedded: no round trips).
   */
  String upsert(String table, List<String> columns, List<String> casts, List<String> keyColumns) {
    String cols = String.join(", ", columns);
    StringBuilder sb = new StringBuilder(256);
    if (this == POSTGRESQL) {
      sb.append("INSERT INTO ")
          .append(table)
          .append(" (")
          .append(cols)
          .append(") SELECT * FROM unnest(");
      for (int c = 0; c < columns.size(); c++) {
        sb.append(c == 0 ? "" : ", ").append("?::").append(casts.get(c)).append("[]");
      }
      sb.append(") ON CONFLICT (").append(String.join(", ", keyColumns)).append(") DO UPDATE SET ");
      boolean first = true;
      for (String c : columns) {
        if (keyColumns.contains(c)) {
          continue;
        }
        sb.append(first ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
        first = false;
      }
    } else {
      sb.append("MERGE INTO ").append(table).append(" (").append(cols).append(") KEY (");
      sb.append(String.join(", ", keyColumns)).append(") VALUES (");
      for (int c = 0; c < columns.size(); c++) {
        sb.append(c == 0 ? "?" : ", ?");
      }
      sb.append(')');
    }
    return sb.toString();
  }

  /**
   * The upsert of one row given as one parameter per column: PostgreSQL {@code INSERT ... ON
   * CONFLICT DO UPDATE}, H2 {@code MERGE ... KEY}.
   */
  String upsertRow(String table, List<String> columns, List<String> keyColumns) {
    String cols = String.join(", ", columns);
    String params = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
    if (this == POSTGRESQL) {
      StringBuilder sb = new StringBuilder(256);
      sb.append("INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES (");
      sb.append(params).append(") ON CONFLICT (").append(String.join(", ", keyColumns));
      sb.append(") DO UPDATE SET ");
      boolean first = true;
      for (String c : columns) {
        if (!keyColumns.contains(c)) {
          sb.append(first ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
          first = false;
        }
      }
      return sb.toString();
    }
    return "MERGE INTO "
        + table
        + " ("
        + cols
        + ") KEY ("
        + String.join(", ", keyColumns)
        + ") VALUES ("
        + params
        + ")";
  }
}
