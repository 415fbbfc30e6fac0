package io.campaignrelay.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix at log level OFF (this JVM; see the module's surefire settings): every fault of
 * {@link Catalogue} not listed as known-failing, each asserting 0 duplicates, 0 lost, the report's
 * uncertain count equal to the truly unknown ones, and no credential in any message or journal.
 */
class FaultMatrixTest {

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyFaultSendsOnceAndLosesNobody() {
    return Catalogue.all().stream()
        .filter(c -> !Catalogue.KNOWN_FAILING.contains(c.id()))
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.id() + " (" + c.fault().description + ")", () -> check(dir, c)));
  }

  static void check(Path dir, FaultCase c) throws Exception {
    Path own = Files.createDirectories(dir.resolve(c.id()));
    Outcome o = c.run(own);
    Results.record("OFF", o);
    assertThat(o.passed()).as(o.toString()).isTrue();
  }
}
