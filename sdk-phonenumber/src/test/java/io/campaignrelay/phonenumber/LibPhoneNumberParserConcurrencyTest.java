package io.campaignrelay.phonenumber;

import static org.assertj.core.api.Assertions.assertThat;

import io.campaignrelay.core.InvalidPhoneNumberException;
import io.campaignrelay.core.PhoneNumberDetails;
import io.campaignrelay.core.PhoneNumberType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LibPhoneNumberParserConcurrencyTest {

  private record Case(String input, String e164, String region, PhoneNumberType type) {}

  private static final List<Case> CASES =
      List.of(
          new Case("07400 123456", "+447400123456", "GB", PhoneNumberType.MOBILE),
          new Case("020 7946 0123", "+442079460123", "GB", PhoneNumberType.FIXED_LINE),
          new Case("0909 879 0000", "+449098790000", "GB", PhoneNumberType.PREMIUM_RATE),
          new Case("+91 98123 45678", "+919812345678", "IN", PhoneNumberType.MOBILE),
          new Case("+1 (201) 555-0123", "+12015550123", "US", PhoneNumberType.FIXED_LINE_OR_MOBILE),
          new Case("0049 151 23456789", "+4915123456789", "DE", PhoneNumberType.MOBILE),
          new Case("+33 8 91 12 34 56", "+33891123456", "FR", PhoneNumberType.PREMIUM_RATE),
          new Case("+61 2 1234 5678", "+61212345678", "AU", PhoneNumberType.FIXED_LINE));

  @Test
  void oneParserServesManyThreadsWithTheSameAnswers() throws Exception {
    LibPhoneNumberParser parser = LibPhoneNumberParser.forRegion("GB");
    int threads = 8;
    int rounds = 500;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int i = 0; i < rounds; i++) {
                    Case c = CASES.get((i + offset) % CASES.size());
                    PhoneNumberDetails d = parser.describe(c.input());
                    if (d.number().e164().equals(c.e164())
                        && d.regionCode().orElse("").equals(c.region())
                        && d.type() == c.type()) {
                      ok++;
                    }
                    try {
                      parser.parse("07400 12345"); // invalid: one digit short
                    } catch (InvalidPhoneNumberException expected) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(threads * rounds * 2);
    } finally {
      pool.shutdownNow();
    }
  }
}
