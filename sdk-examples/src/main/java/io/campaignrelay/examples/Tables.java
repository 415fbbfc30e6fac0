package io.campaignrelay.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-ASCII tables and number formatting for the demo's output. Stateless. */
final class Tables {

  private Tables() {}

  /**
   * Formats a count with thousands separators.
   *
   * @param n the count
   * @return e.g. {@code 10,000}
   */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * Prints a table with a header row; the first column is left-aligned, the second right-aligned,
   * the rest left-aligned.
   *
   * @param out where to print
   * @param indent the left margin
   * @param header the column names
   * @param rows the rows, each as long as the header
   */
  static void print(PrintStream out, String indent, List<String> header, List<List<String>> rows) {
    int columns = header.size();
    int[] width = new int[columns];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder rule = new StringBuilder(indent).append('+');
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(row(indent, header, width));
    out.println(rule);
    for (List<String> r : rows) {
      out.println(row(indent, r, width));
    }
    out.println(rule);
  }

  private static String row(String indent, List<String> cells, int[] width) {
    StringBuilder sb = new StringBuilder(indent).append('|');
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      String pad = " ".repeat(width[i] - c.length());
      sb.append(' ').append(i == 1 ? pad + c : c + pad).append(" |");
    }
    return sb.toString();
  }
}
