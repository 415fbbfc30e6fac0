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
   * A statement that inserts {@code rows} rows, each replacing any row with the same key: {@code
   * INSERT ... ON CONFLICT DO UPDATE} on PostgreSQL, {@code MERGE ... KEY} on H2. The rows must
   * have distinct keys (PostgreSQL refuses to update one row twice in a statement).
   */
  String upsert(String table, List<String> columns, List<String> keyColumns, int rows) {
    String cols = String.join(", ", columns);
    StringBuilder sb = new StringBuilder(64 + rows * (columns.size() * 3 + 4));
    if (this == POSTGRESQL) {
      sb.append("INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES ");
    } else {
      sb.append("MERGE INTO ").append(table).append(" (").append(cols).append(") KEY (");
      sb.append(String.join(", ", keyColumns)).append(") VALUES ");
    }
    for (int r = 0; r < rows; r++) {
      sb.append(r == 0 ? "(" : ", (");
      for (int c = 0; c < columns.size(); c++) {
        sb.append(c == 0 ? "?" : ", ?");
      }
      sb.append(')');
    }
    if (this == POSTGRESQL) {
      sb.append(" ON CONFLICT (").append(String.join(", ", keyColumns)).append(") DO UPDATE SET ");
      boolean first = true;
      for (String c : columns) {
        if (keyColumns.contains(c)) {
          continue;
        }
        sb.append(first ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
        first = false;
      }
    }
    return sb.toString();
  }
}
