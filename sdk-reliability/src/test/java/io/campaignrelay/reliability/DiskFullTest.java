package io.campaignrelay.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk fills up during each kind of journal write of the first run (through {@link FullDisk},
 * without any change to the journal): the PENDING write before a batch is sent, the outcome write
 * after it was accepted, and the FAILED write after a batch was refused. Space is back for the
 * re-runs (targets shuffled). Each must end with 0 duplicates, 0 lost and 0 uncertain.
 */
class DiskFullTest {

  @TempDir Path dir;

  /** The case and the journal write call (from 1) at which the disk fills. */
  record DiskCase(FaultCase fault, int fullAtWrite) {}

  static List<DiskCase> cases() {
    List<DiskCase> out = new ArrayList<>();
    for (Vendor v : Vendor.values()) {
      String p = v.code + "-disk-full-";
      // batches of 4: write 1 = PENDING of batch 1, 2 = its outcome, 3 = PENDING of batch 2, ...
      out.add(new DiskCase(FaultCase.of(p + "PENDING", "disk-full", v, Fault.NONE), 3));
      out.add(new DiskCase(FaultCase.of(p + "outcome", "disk-full", v, Fault.NONE), 4));
      out.add(new DiskCase(FaultCase.of(p + "FAILED", "disk-full", v, Fault.REFUSED), 4));
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> diskFullDuringEachKindOfWrite() {
    return tests(dir, id -> !Catalogue.KNOWN_FAILING.contains(id));
  }

  static Stream<DynamicTest> tests(Path dir, Predicate<String> include) {
    return cases().stream()
        .filter(c -> include.test(c.fault().id()))
        .map(c -> DynamicTest.dynamicTest(c.fault().id(), () -> check(dir, c)));
  }

  static void check(Path dir, DiskCase c) throws Exception {
    FullDisk disk = new FullDisk(c.fullAtWrite());
    Path own = Files.createDirectories(dir.resolve(c.fault().id()));
    Outcome o = c.fault().run(own, (run, journal) -> run == 1 ? disk.path(journal) : journal);
    Results.record("OFF", o);
    assertThat(disk.writes())
        .as("the disk filled during the first run")
        .isGreaterThanOrEqualTo(c.fullAtWrite());
    assertThat(o.note()).as("the first run met the full disk").contains("No space left on device");
    assertThat(o.passed()).as(o.toString()).isTrue();
  }
}
