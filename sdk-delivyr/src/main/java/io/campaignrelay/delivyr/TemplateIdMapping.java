package io.campaignrelay.delivyr;

import io.campaignrelay.core.ConfigurationException;
import io.campaignrelay.core.ConfigurationProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that maps Delivyr's template ids to Optimove's numeric TemplateIDs and template
 * names. Pure functions; thread-safe.
 *
 * <p><b>Ids.</b> A Delivyr template id is exactly eight characters from {@code 0-9A-Z} (e.g. {@code
 * HDS7F3Y2}). Its Optimove TemplateID is the id read as a base-36 number, digits {@code 0-9} then
 * letters {@code A-Z}: {@code HDS7F3Y2} maps to {@code 1362194475194}. Every id maps to a number
 * from 1 to 36<sup>8</sup>-1 = 2,821,109,907,455, which fits the 64-bit TemplateID Optimove sends
 * in trigger payloads; {@code 00000000} is rejected because it would map to 0. The mapping is
 * deterministic (the same id always gives the same number, on every machine, with no stored state)
 * and reversible ({@link #toDelivyrId(long)} gives the id back, zero-padded to eight characters),
 * so two different ids can never share a TemplateID. Delivyr does not publish its own mapping; the
 * published sample pair (Delivyr id {@code YFRYM0RJ}, Optimove TemplateID {@code 2698724035425},
 * whose base-36 form is {@code YFRYM0RL}) is consistent with base 36 (INFERRED).
 *
 * <p><b>Names.</b> A template shows in Optimove as {@code <DELIVYR ID> - <name>}, e.g. {@code
 * YFRYM0RJ - Spring sale}; {@link #delivyrIdOf(String)} reads the id back from such a name.
 *
 * <p><b>Collisions.</b> Because the mapping is injective, a collision can only come from outside:
 * an Optimove channel template that already uses a TemplateID under a name that is not the one this
 * mapping gives (another system wrote it). {@link #checkCollisions(Map, Map)} finds those before a
 * sync writes anything.
 */
public final class TemplateIdMapping {

  /** Length of a Delivyr template id. */
  public static final int ID_LENGTH = 8;

  /** The largest TemplateID the mapping produces: 36^8 - 1. */
  public static final long MAX_OPTIMOVE_TEMPLATE_ID = 2_821_109_907_455L;

  /** Separator between the Delivyr id and the template name in Optimove. */
  public static final String NAME_SEPARATOR = " - ";

  private static final Pattern ID = Pattern.compile("[0-9A-Z]{8}");
  private static final Pattern NAME = Pattern.compile("([0-9A-Z]{8}) - (.*)", Pattern.DOTALL);

  private TemplateIdMapping() {}

  /**
   * Whether the text is a valid Delivyr template id.
   *
   * @param delivyrId the text
   * @return true for eight characters from {@code 0-9A-Z}, not all zeros
   */
  public static boolean isValidDelivyrId(String delivyrId) {
    return delivyrId != null && ID.matcher(delivyrId).matches() && !"00000000".equals(delivyrId);
  }

  /**
   * Maps a Delivyr template id to its Optimove TemplateID.
   *
   * @param delivyrId eight characters from {@code 0-9A-Z}, e.g. {@code HDS7F3Y2}
   * @return the TemplateID, from 1 to {@value #MAX_OPTIMOVE_TEMPLATE_ID}
   * @throws ConfigurationException if the id is not a valid Delivyr template id
   */
  public static long toOptimoveTemplateId(String delivyrId) {
    if (!isValidDelivyrId(delivyrId)) {
      throw new ConfigurationException("Delivyr template id", problem(delivyrId));
    }
    return Long.parseLong(delivyrId, 36);
  }

  /**
   * Maps an Optimove TemplateID back to the Delivyr template id.
   *
   * @param optimoveTemplateId a TemplateID produced by {@link #toOptimoveTemplateId(String)}
   * @return the eight-character Delivyr id
   * @throws ConfigurationException if the number is outside 1 to {@value #MAX_OPTIMOVE_TEMPLATE_ID}
   */
  public static String toDelivyrId(long optimoveTemplateId) {
    if (optimoveTemplateId < 1 || optimoveTemplateId > MAX_OPTIMOVE_TEMPLATE_ID) {
      throw new ConfigurationException(
          "Optimove TemplateID",
          ConfigurationProblem.of(
              "templateId",
              optimoveTemplateId,
              "is not a Delivyr template: Delivyr TemplateIDs run from 1 to "
                  + MAX_OPTIMOVE_TEMPLATE_ID));
    }
    StringBuilder sb =
        new StringBuilder(Long.toString(optimoveTemplateId, 36).toUpperCase(java.util.Locale.ROOT));
    while (sb.length() < ID_LENGTH) {
      sb.insert(0, '0');
    }
    return sb.toString();
  }

  /**
   * The name a template shows under in Optimove.
   *
   * @param delivyrId the Delivyr template id
   * @param name the template's name in Delivyr
   * @return {@code <DELIVYR ID> - <name>}
   * @throws ConfigurationException if the id is invalid or the name is blank
   */
  public static String optimoveTemplateName(String delivyrId, String name) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    if (!isValidDelivyrId(delivyrId)) {
      problems.add(problem(delivyrId));
    }
    if (name == null || name.isBlank()) {
      problems.add(
          ConfigurationProblem.of("name", name, "give the template a name in Delivyr first"));
    }
    ConfigurationException.throwIfAny("Optimove template name", problems);
    return delivyrId + NAME_SEPARATOR + name.strip();
  }

  /**
   * Reads the Delivyr id from an Optimove template name of the form {@code <DELIVYR ID> - <name>}.
   *
   * @param optimoveTemplateName the name in Optimove
   * @return the Delivyr id, or empty when the name does not have that form
   */
  public static Optional<String> delivyrIdOf(String optimoveTemplateName) {
    if (optimoveTemplateName == null) {
      return Optional.empty();
    }
    Matcher m = NAME.matcher(optimoveTemplateName);
    if (m.matches() && isValidDelivyrId(m.group(1))) {
      return Optional.of(m.group(1));
    }
    return Optional.empty();
  }

  /**
   * Finds TemplateIDs that a sync would write but that Optimove already uses for something else.
   *
   * @param planned the Delivyr id to Optimove name of each template about to be synced
   * @param existing the TemplateID to name of the channel's templates already in Optimove
   * @return one problem per collision, empty when there are none
   */
  public static List<ConfigurationProblem> checkCollisions(
      Map<String, String> planned, Map<Long, String> existing) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    Map<Long, String> seen = new HashMap<>();
    for (Map.Entry<String, String> e : planned.entrySet()) {
      String id = e.getKey();
      if (!isValidDelivyrId(id)) {
        problems.add(problem(id));
        continue;
      }
      long templateId = toOptimoveTemplateId(id);
      String previous = seen.putIfAbsent(templateId, id);
      if (previous != null && !previous.equals(id)) {
        problems.add(
            ConfigurationProblem.of(
                "templateId",
                templateId,
                "Delivyr templates " + previous + " and " + id + " map to the same TemplateID"));
      }
      String there = existing.get(templateId);
      if (there != null) {
        Optional<String> owner = delivyrIdOf(there);
        if (owner.isEmpty() || !owner.get().equals(id)) {
          problems.add(
              ConfigurationProblem.of(
                  "templateId",
                  templateId,
                  "Optimove already has TemplateID "
                      + templateId
                      + " named '"
                      + ConfigurationProblem.printable(there)
                      + "', which is not Delivyr template "
                      + id
                      + ": delete that Optimove template or contact Delivyr support before"
                      + " syncing"));
        }
      }
    }
    return problems;
  }

  private static ConfigurationProblem problem(String delivyrId) {
    return ConfigurationProblem.of(
        "delivyrTemplateId",
        delivyrId == null ? null : ConfigurationProblem.printable(delivyrId),
        "give Delivyr's template id: eight upper-case letters and digits such as HDS7F3Y2 (not"
            + " all zeros)");
  }
}
