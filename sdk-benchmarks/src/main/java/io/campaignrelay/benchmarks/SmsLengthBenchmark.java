package io.campaignrelay.benchmarks;

import io.campaignrelay.core.sms.SmsEncoding;
import io.campaignrelay.core.sms.SmsLength;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SmsLength#of(CharSequence)} on a full single-part GSM-7 text (160 characters) and a full
 * single-part UCS-2 text (70 units). Each benchmark declares as many operations per call as the
 * text has characters, so JMH's score is <b>characters per second</b> (target: 20 M/s on one core).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmsLengthBenchmark {

  /** A typical promotional text: 160 GSM-7 characters (160 septets, one part). */
  static final String GSM_160 =
      "Hi Alice, your Gold offer is live: 20% off everything until Sunday, code SPRING20. "
          + "Orders over £50 ship free. Shop now at shop.example/s - reply STOP to opt out";

  /** A Polish text with an emoji: 70 UTF-16 units, so UCS-2 in exactly one part. */
  static final String UCS2_70 =
      "Cześć Ania! Kod SPRING20 daje 20% zniżki do niedzieli. Odpisz STOP. \uD83D\uDE00";

  String gsm;
  String ucs2;

  /** Creates the state. */
  public SmsLengthBenchmark() {}

  /** Checks that the texts are what the benchmark claims (fails the run otherwise). */
  @Setup
  public void check() {
    gsm = new String(GSM_160.toCharArray());
    ucs2 = new String(UCS2_70.toCharArray());
    require(gsm, SmsEncoding.GSM_7, 160);
    require(ucs2, SmsEncoding.UCS_2, 70);
  }

  static void require(String text, SmsEncoding encoding, int units) {
    SmsLength len = SmsLength.of(text);
    if (len.encoding() != encoding || len.units() != units || len.segments() != 1) {
      throw new IllegalStateException(
          "benchmark text is "
              + len
              + " ("
              + text.length()
              + " chars), expected "
              + encoding
              + " with "
              + units
              + " units in one part");
    }
  }

  /**
   * Measures a 160-character GSM-7 text.
   *
   * @return the length, consumed by JMH
   */
  @Benchmark
  @OperationsPerInvocation(160)
  public SmsLength gsm7Of160Chars() {
    return SmsLength.of(gsm);
  }

  /**
   * Measures a 70-unit UCS-2 text (69 characters, one of them an emoji counted as 2 units; the
   * non-GSM characters are collected too). Scored per UTF-16 unit.
   *
   * @return the length, consumed by JMH
   */
  @Benchmark
  @OperationsPerInvocation(70)
  public SmsLength ucs2Of70Units() {
    return SmsLength.of(ucs2);
  }
}
