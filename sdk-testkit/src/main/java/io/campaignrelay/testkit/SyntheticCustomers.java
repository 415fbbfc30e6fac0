package io.campaignrelay.testkit;

import io.campaignrelay.testkit.implementation.Seeds;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A deterministic, lazy generator of customers: customer {@code i} (0-based) is computed on demand
 * from the seed and {@code i}, so millions of customers cost no memory.
 *
 * <p>Customer ids are {@code C000000001}, {@code C000000002}, ... (index + 1, nine digits); phones
 * are distinct UK mobiles {@code +447NNNNNNNNN} (a seeded permutation of the index, so no two
 * customers share a phone) except for the seeded fraction made deliberately invalid. Immutable and
 * thread-safe.
 */
public final class SyntheticCustomers {

  /** The most customers one generator can produce (distinct phones). */
  public static final long MAX_CUSTOMERS = 1_000_000_000L;

  private static final long MOD = 1_000_000_000L;
  private static final long MULTIPLIER = 387_420_489L; // 3^18: odd and not a multiple of 5
  private static final long INVERSE =
      java.math.BigInteger.valueOf(MULTIPLIER)
          .modInverse(java.math.BigInteger.valueOf(MOD))
          .longValueExact();

  private static final String[] FIRST = {
    "Olivia", "Noah", "Amelia", "Oliver", "Isla", "George", "Ava", "Arthur", "Mia", "Leo",
    "Ivy", "Harry", "Freya", "Oscar", "Lily", "Theo", "Emily", "Jack", "Sophia", "Charlie",
    "Priya", "Arjun", "Zara", "Mohammed", "Chloe", "Aarav", "Grace", "Finn", "Maya", "Luca"
  };
  private static final String[] LAST = {
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Khan",
    "Singh",
    "Lewis",
    "Harris",
    "Martin",
    "Cooper",
    "King"
  };
  private static final String[] COUNTRY = {"GB", "GB", "GB", "GB", "IE", "IN"};
  private static final String[] LANGUAGE = {"en", "en", "en", "en", "ga", "hi"};

  private final long seed;
  private final double invalidPhoneRate;
  private final long offset;

  private SyntheticCustomers(Builder b) {
    this.seed = b.seed;
    this.invalidPhoneRate = b.invalidPhoneRate;
    this.offset = Math.floorMod(Seeds.mix(seed, 1), MOD);
  }

  /**
   * A generator with the given seed and every phone valid.
   *
   * @param seed the seed
   * @return the generator
   */
  public static SyntheticCustomers seeded(long seed) {
    return builder().seed(seed).build();
  }

  /**
   * Starts a generator.
   *
   * @return a builder with seed 0 and no invalid phones
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this generator's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().seed(seed).invalidPhoneRate(invalidPhoneRate);
  }

  /**
   * The seed.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The CustomerID of customer {@code index}.
   *
   * @param index 0-based index
   * @return the id
   */
  public static String customerId(long index) {
    checkIndex(index);
    return String.format(Locale.ROOT, "C%09d", index + 1);
  }

  /**
   * The index of a CustomerID produced by {@link #customerId(long)}.
   *
   * @param customerId the id
   * @return the 0-based index, or empty if the id is not of the synthetic form
   */
  public static Optional<Long> indexOf(String customerId) {
    if (customerId == null || customerId.length() != 10 || customerId.charAt(0) != 'C') {
      return Optional.empty();
    }
    for (int i = 1; i < 10; i++) {
      if (!Character.isDigit(customerId.charAt(i))) {
        return Optional.empty();
      }
    }
    long n = Long.parseLong(customerId.substring(1));
    return n == 0 ? Optional.empty() : Optional.of(n - 1);
  }

  /**
   * Computes customer {@code index}.
   *
   * @param index 0-based, below {@link #MAX_CUSTOMERS}
   * @return the customer
   */
  public FakeCustomer customer(long index) {
    checkIndex(index);
    long bits = Seeds.mix(seed, index, 2);
    String first = FIRST[(int) Math.floorMod(bits, (long) FIRST.length)];
    String last = LAST[(int) Math.floorMod(bits >>> 20, (long) LAST.length)];
    int c = (int) Math.floorMod(bits >>> 40, (long) COUNTRY.length);
    String phone;
    if (invalidPhoneRate > 0 && Seeds.unit(Seeds.mix(seed, index, 3)) < invalidPhoneRate) {
      phone = "+44" + (1000 + Math.floorMod(index, 9000L)); // too short to be a mobile
    } else {
      long national = Math.floorMod(index * MULTIPLIER + offset, MOD);
      phone = String.format(Locale.ROOT, "+447%09d", national);
    }
    String email =
        (first + "." + last + "." + (index + 1) + "@example.com").toLowerCase(Locale.ROOT);
    return new FakeCustomer(customerId(index), phone, first, last, email, COUNTRY[c], LANGUAGE[c]);
  }

  /**
   * The index of the customer owning a phone produced by this generator (reverse of {@link
   * #customer(long)}; deliberately invalid phones are not found).
   *
   * @param phone the phone with or without {@code +}
   * @return the index, or empty
   */
  public Optional<Long> indexOfPhone(String phone) {
    if (phone == null) {
      return Optional.empty();
    }
    String digits = phone.startsWith("+") ? phone.substring(1) : phone;
    if (digits.length() != 12
        || !digits.startsWith("447")
        || !digits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    long national = Long.parseLong(digits.substring(3));
    long index = Math.floorMod(Math.floorMod(national - offset, MOD) * INVERSE, MOD);
    if (!customer(index).mobileNumber().equals("+" + digits)) {
      return Optional.empty();
    }
    return Optional.of(index);
  }

  /**
   * A lazy list view of customers {@code 0..count-1}; elements are computed on access.
   *
   * @param count how many customers
   * @return an unmodifiable list
   */
  public List<FakeCustomer> first(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count is " + count + ": use 0 or more");
    }
    return new AbstractList<>() {
      @Override
      public FakeCustomer get(int i) {
        if (i < 0 || i >= count) {
          throw new IndexOutOfBoundsException("index " + i + " of " + count);
        }
        return customer(i);
      }

      @Override
      public int size() {
        return count;
      }
    };
  }

  private static void checkIndex(long index) {
    if (index < 0 || index >= MAX_CUSTOMERS) {
      throw new IllegalArgumentException("index is " + index + ": use 0.." + (MAX_CUSTOMERS - 1));
    }
  }

  /** Builds {@link SyntheticCustomers}. Not thread-safe. */
  public static final class Builder {
    private long seed;
    private double invalidPhoneRate;

    private Builder() {}

    /**
     * Sets the seed.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the fraction of customers whose phone is deliberately malformed (too short), so that the
     * SMS fakes reject them (TextLocal code 32 or warning 3, Delivyr rejection {@code
     * invalid_phone_format}).
     *
     * @param rate in 0..1, default 0
     * @return this builder
     */
    public Builder invalidPhoneRate(double rate) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("invalidPhoneRate is " + rate + ": use 0..1");
      }
      this.invalidPhoneRate = rate;
      return this;
    }

    /**
     * Builds the generator.
     *
     * @return the generator
     */
    public SyntheticCustomers build() {
      return new SyntheticCustomers(this);
    }
  }
}
