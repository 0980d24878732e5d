package org.learntrace.sdk.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The never-send list of DOMAIN.md §4, enforced on everything free-form before it is written to the
 * outbox: names, phone numbers, e-mail, national ids, photos, GPS, IP addresses, device ids, raw
 * user agents, children's free text, school codes in clear.
 *
 * <p>Typed fields cannot carry these (people have no name field; the device's user agent, IP and id
 * are never serialized; schools and classes are pseudonymised). What remains is free text —
 * {@link org.learntrace.sdk.Occurrence#attributes()}, quiz responses, survey answers — which is
 * checked here by key and by value. A matching attribute is removed; a matching free-text value is
 * replaced by {@link #REDACTED}. Every removal is counted by category.
 */
public final class NeverSend {
  /** What replaces a free-text value that contains never-send content. */
  public static final String REDACTED = "[redacted]";

  /** The categories of the never-send list, as counted in metrics. */
  public enum Category {
    NAME, PHONE, EMAIL, NATIONAL_ID, PHOTO, GPS, IP_ADDRESS, DEVICE_ID, USER_AGENT, CHILD_FREE_TEXT, SCHOOL_CODE
  }

  private static final Map<String, Category> KEY_TOKENS = new LinkedHashMap<>();

  static {
    for (String k : List.of("name", "firstname", "lastname", "fullname", "surname", "username", "displayname", "fathername", "mothername")) {
      KEY_TOKENS.put(k, Category.NAME);
    }
    for (String k : List.of("phone", "mobile", "msisdn", "cell", "tel", "telephone", "whatsapp")) {
      KEY_TOKENS.put(k, Category.PHONE);
    }
    for (String k : List.of("email", "mail", "mbox", "emailaddress")) {
      KEY_TOKENS.put(k, Category.EMAIL);
    }
    for (String k : List.of("nid", "nationalid", "birthregistration", "brn", "passport", "ssn", "nationalidnumber")) {
      KEY_TOKENS.put(k, Category.NATIONAL_ID);
    }
    for (String k : List.of("photo", "image", "picture", "avatar", "selfie", "face")) {
      KEY_TOKENS.put(k, Category.PHOTO);
    }
    for (String k : List.of("gps", "lat", "latitude", "lon", "lng", "longitude", "geo", "geolocation", "coordinates", "coords")) {
      KEY_TOKENS.put(k, Category.GPS);
    }
    for (String k : List.of("ip", "ipaddress", "ipv4", "ipv6", "remoteaddr", "clientip", "xforwardedfor")) {
      KEY_TOKENS.put(k, Category.IP_ADDRESS);
    }
    for (String k : List.of("deviceid", "imei", "androidid", "idfa", "idfv", "advertisingid", "mac", "macaddress", "serial")) {
      KEY_TOKENS.put(k, Category.DEVICE_ID);
    }
    for (String k : List.of("useragent", "ua", "browser")) {
      KEY_TOKENS.put(k, Category.USER_AGENT);
    }
    for (String k : List.of("schoolcode", "eiin", "schoolid", "emis")) {
      KEY_TOKENS.put(k, Category.SCHOOL_CODE);
    }
  }

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  // Bangladeshi mobiles (+880 1XXX…, 01XXXXXXXXX) and any other run of 9+ digits with separators.
  private static final Pattern PHONE = Pattern.compile("(\\+?\\d[\\d ()-]{7,}\\d)");
  private static final Pattern IPV4 = Pattern.compile("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b");
  private static final Pattern IPV6 = Pattern.compile("\\b(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}\\b");
  private static final Pattern GPS = Pattern.compile("-?\\d{1,3}\\.\\d{3,}\\s*,\\s*-?\\d{1,3}\\.\\d{3,}");
  private static final Pattern IMAGE = Pattern.compile("data:image/|\\.(?:jpe?g|png|heic|webp)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private NeverSend() {}

  /**
   * A run that looks like a phone number: at least 9 digits, separators allowed. A date such as
   * {@code 2026-03-14} (8 digits) is not one, nor is a run made only of ISO dates.
   */
  private static boolean containsPhoneNumber(String value) {
    Matcher m = PHONE.matcher(value);
    while (m.find()) {
      String run = m.group();
      int digits = 0;
      for (int i = 0; i < run.length(); i++) {
        if (Character.isDigit(run.charAt(i))) {
          digits++;
        }
      }
      boolean onlyDates = ISO_DATE.matcher(run).replaceAll("").chars().noneMatch(Character::isDigit);
      if (digits >= 9 && !onlyDates) {
        return true;
      }
    }
    return false;
  }

  /** The category a field name falls under, or null. Matches whole normalized names and their parts. */
  public static Category categoryOfKey(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    String joined = lower.replaceAll("[^a-z0-9]", "");
    Category c = KEY_TOKENS.get(joined);
    if (c != null) {
      return c;
    }
    for (String part : lower.split("[^a-z0-9]+|(?<=[a-z])(?=[0-9])")) {
      c = KEY_TOKENS.get(part);
      if (c != null) {
        return c;
      }
    }
    // camelCase keys: split before capitals of the original.
    for (String part : key.split("(?<=[a-z])(?=[A-Z])")) {
      c = KEY_TOKENS.get(part.toLowerCase(Locale.ROOT));
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** The category of never-send content found in a free-text value, or null. */
  public static Category categoryOfValue(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (EMAIL.matcher(value).find()) {
      return Category.EMAIL;
    }
    if (GPS.matcher(value).find()) {
      return Category.GPS;
    }
    if (IPV4.matcher(value).find() || IPV6.matcher(value).find()) {
      return Category.IP_ADDRESS;
    }
    if (containsPhoneNumber(value)) {
      return Category.PHONE;
    }
    if (IMAGE.matcher(value).find()) {
      return Category.PHOTO;
    }
    return null;
  }
}
