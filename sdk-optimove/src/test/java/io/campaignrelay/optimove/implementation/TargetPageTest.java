package io.campaignrelay.optimove.implementation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campaignrelay.core.CustomerAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact page gives back every row as it was added. */
class TargetPageTest {

  private static final List<String> NAMES = List.of("PHONE", "FIRST_NAME", "TIER");
  private static final CustomerAttributes SHAPE =
      CustomerAttributes.of(NAMES, Arrays.asList(null, null, null));

  private record Row(String id, long template, List<String> codes, CustomerAttributes attrs) {}

  private static CustomerAttributes attrs(String... values) {
    return SHAPE.withValues(Arrays.asList(values));
  }

  private static void assertRoundTrip(List<Row> rows, TargetPage page) {
    assertThat(page.rows()).isEqualTo(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertThat(page.customerId(i)).as("id %d", i).isEqualTo(r.id());
      assertThat(page.customerIdHash(i))
          .as("hash %d", i)
          .isEqualTo(String.valueOf(r.id()).hashCode());
      assertThat(page.templateId(i)).as("template %d", i).isEqualTo(r.template());
      assertThat(page.promoCodes(i)).as("codes %d", i).isSameAs(r.codes());
      CustomerAttributes a = page.attributes(i);
      assertThat(a).as("attributes %d", i).isEqualTo(r.attrs());
      assertThat(a.names()).isEqualTo(r.attrs().names());
      assertThat(a.values()).containsExactlyElementsOf(r.attrs().values());
      assertThat(a.value("first_name")).isEqualTo(r.attrs().value("FIRST_NAME"));
    }
  }

  @Test
  void unicodeEmptyNullAndOddValuesComeBackAsAdded() {
    List<String> spring = List.of("SPRING20");
    List<String> two = List.of("X", "Y,Z");
    List<Row> rows =
        List.of(
            new Row("C1", 9001, spring, attrs("+447700900001", "Ann", "gold")),
            new Row("Zo\u00eb-\u00e9\u2603", 0, spring, attrs("+44 7700 \"900\"", "", null)),
            new Row("", 7, List.of(), attrs("", "", "")),
            new Row(null, -1, null, attrs(null, null, null)),
            new Row("  padded ", Long.MAX_VALUE, two, attrs("l\u00e9a\n\t\\", "\uD83D\uDE00", "x")),
            new Row("C6", 3, two, attrs("\u0000", "a,b;c", "\uD800")));
    TargetPage.Builder b = TargetPage.builder(3, 2, 0); // grows past both hints
    for (Row r : rows) {
      b.add(r.id(), r.template(), r.codes(), r.attrs());
    }
    assertRoundTrip(rows, b.build());
  }

  @Test
  void randomRowsRoundTripAndIdsCompareAsStrings() {
    Random random = new Random(11);
    List<Row> rows = new ArrayList<>();
    TargetPage.Builder b = TargetPage.builder(3, 1000, 100);
    List<String> codes = List.of("A");
    for (int i = 0; i < 3000; i++) {
      if (random.nextInt(10) == 0) {
        codes = List.of("P" + random.nextInt(5));
      }
      Row r =
          new Row(
              random.nextInt(20) == 0 ? null : text(random, 12),
              random.nextLong(),
              codes,
              attrs(
                  text(random, 20),
                  text(random, 3),
                  random.nextBoolean() ? null : text(random, 5)));
      rows.add(r);
      b.add(r.id(), r.template(), r.codes(), r.attrs());
    }
    TargetPage page = b.build();
    assertRoundTrip(rows, page);
    TargetPage other = TargetPage.builder(3, 1, 0).add("Aa", 1, null, attrs("1", "2", "3")).build();
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 200; j++) {
        assertThat(page.sameCustomerId(i, page, j))
            .isEqualTo(java.util.Objects.equals(rows.get(i).id(), rows.get(j).id()));
      }
      assertThat(page.sameCustomerId(i, other, 0)).isEqualTo("Aa".equals(rows.get(i).id()));
    }
  }

  @Test
  void idsWithTheSameHashAreStillToldApart() {
    TargetPage page =
        TargetPage.builder(0, 4, 0)
            .add("Aa", 0, null, CustomerAttributes.empty())
            .add("BB", 0, null, CustomerAttributes.empty())
            .add("AaAa", 0, null, CustomerAttributes.empty())
            .add("Aa", 0, null, CustomerAttributes.empty())
            .build();
    assertThat(page.customerIdHash(0)).isEqualTo(page.customerIdHash(1));
    assertThat(page.sameCustomerId(0, page, 1)).isFalse();
    assertThat(page.sameCustomerId(0, page, 2)).isFalse();
    assertThat(page.sameCustomerId(0, page, 3)).isTrue();
    assertThat(page.attributes(0)).isSameAs(CustomerAttributes.empty());
    assertThat(page.chars()).isEqualTo(10);
  }

  @Test
  void rowsOfAnotherShapeAndRowsPastTheEndAreRefused() {
    TargetPage.Builder b = TargetPage.builder(3, 1, 0);
    assertThatThrownBy(() -> b.add("C1", 0, null, CustomerAttributes.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    CustomerAttributes otherNames =
        CustomerAttributes.of(List.of("A", "B", "C"), Arrays.asList("1", "2", "3"));
    b.add("C1", 0, null, attrs("1", "2", "3"));
    assertThatThrownBy(() -> b.add("C2", 0, null, otherNames))
        .isInstanceOf(IllegalArgumentException.class);
    TargetPage page = b.build();
    assertThatThrownBy(() -> page.customerId(1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> b.add("C3", 0, null, attrs("1", "2", "3")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static String text(Random random, int max) {
    int n = random.nextInt(max + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(4);
      sb.append(
          kind == 0
              ? (char) ('a' + random.nextInt(26))
              : kind == 1 ? (char) random.nextInt(0x20) : kind == 2 ? '\u00e9' : '\u4e2d');
    }
    return sb.toString();
  }
}
