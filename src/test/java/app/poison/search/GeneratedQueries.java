package app.poison.search;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Evaluation queries generated from the catalog at test time, seeded: scientific names with one
 * slip (swapped, dropped, doubled or substituted letter) in the genus or in the epithet, English
 * names with one slip, genus and family names, and negatives (unrelated words, random strings,
 * misspelled names of plants the catalog does not hold) that must find nothing.
 *
 * <p>A typo that is as close (in letter edits) to another plant's name as to its own has no right
 * answer and is left out; so is one that spells another name exactly.
 */
final class GeneratedQueries {
  static final String NEGATIVE_PREFIX = "negative";
  private static final int VARIANTS = 3;
  /** Words this long may carry two slips. */
  private static final int LONG_WORD = 8;
  private static final String[] SLIPS = {"swap", "drop", "double", "substitute"};
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
  /** Everyday words, Korean and English, that name no plant and resemble none. */
  private static final List<String> UNRELATED = List.of("자동차", "컴퓨터", "비행기", "학교", "사랑해", "커피", "스마트폰",
      "냉장고", "김치찌개", "축구공", "안녕하세요", "대한민국", "서울역", "지하철", "노트북", "텔레비전", "햄버거", "고양이",
      "병원", "약국", "응급실", "엄마", "날씨", "computer", "password", "keyboard", "hello world", "pizza",
      "iphone", "windows", "weather", "hospital", "emergency", "bicycle", "umbrella", "football", "chocolate",
      "television", "restaurant", "mountain", "river", "what is this", "flower", "leaf");
  /** Plants the catalog does not hold, by English, scientific and Korean name; misspelled below. */
  private static final List<String> ABSENT_PLANTS = List.of("tomato", "cucumber", "cherry blossom", "pine tree",
      "bamboo", "maple tree", "oak tree", "rice plant", "soybean", "lettuce", "cabbage", "spinach", "pumpkin",
      "watermelon", "strawberry", "apple tree", "persimmon", "mulberry", "lavender", "rosemary", "basil", "mint",
      "cactus", "aloe vera", "orchid tree", "magnolia vine", "wisteria", "camellia", "azalea bush", "peony",
      "Pinus densiflora", "Prunus serrulata", "Acer palmatum", "Quercus mongolica", "Oryza sativa", "Zea mays",
      "Brassica rapa", "Cucumis sativus", "Malus domestica", "Hibiscus syriacus", "Camellia japonica",
      "Capsicum annuum", "Glycine max", "Perilla frutescens", "Sesamum indicum", "Citrullus lanatus",
      "Pyrus pyrifolia", "Diospyros kaki", "Morus alba", "Lavandula angustifolia", "Mentha arvensis",
      "Aloe vera", "Wisteria floribunda", "Paeonia lactiflora", "Zinnia elegans", "Cosmos bipinnatus",
      "Begonia grandis", "Impatiens balsamina", "Cornus officinalis", "Abies koreana", "소나무", "벚나무", "무궁화",
      "단풍나무", "배추", "상추", "고추", "오이", "토마토", "사과나무", "감나무", "개망초", "냉이", "고사리", "쑥갓", "들깨",
      "참외", "수박", "딸기", "대나무", "라벤더", "로즈마리", "선인장", "알로에", "동백나무", "모란", "작약", "코스모스");

  private final List<JsonObject> catalog;
  private final Random random;
  private final List<SearchEvaluationTest.EvalQuery> queries = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  /** Every Latin name (English or scientific) of the catalog, normalised, with the plants it names. */
  private final Map<String, Set<String>> latinNames = new LinkedHashMap<>();

  private GeneratedQueries(List<JsonObject> catalog, long seed) {
    this.catalog = catalog;
    this.random = new Random(seed);
    for (JsonObject plant : catalog) {
      for (String name : latinNamesOf(plant)) {
        latinNames.computeIfAbsent(Hangul.normalize(name), n -> new LinkedHashSet<>()).add(plant.getString("id"));
      }
    }
  }

  static List<SearchEvaluationTest.EvalQuery> of(List<JsonObject> catalog, long seed) {
    GeneratedQueries generated = new GeneratedQueries(catalog, seed);
    generated.scientificNames();
    generated.englishNames();
    generated.groups("genus", plant -> plant.getString("scientific_name").split("\\s+")[0]);
    generated.groups("family", plant -> plant.getString("family"));
    generated.groups("family_ko", plant -> plant.getString("family_ko"));
    generated.negatives();
    return generated.queries;
  }

  private void scientificNames() {
    for (JsonObject plant : catalog) {
      String name = plant.getString("scientific_name");
      String[] words = name.split("\\s+");
      int epithet = epithetIndex(words);
      for (String slip : SLIPS) {
        variants("scientific_genus_" + slip, plant, name, 0, slip);
        if (epithet > 0) {
          variants("scientific_epithet_" + slip, plant, name, epithet, slip);
        }
      }
      for (int i = 0; i < VARIANTS && epithet > 0; i++) {
        keepIfClosest("scientific_genus_and_epithet", plant, name, String.join(" ", slipped(slipped(words, 0), epithet)));
        if (words[epithet].length() >= LONG_WORD) {
          keepIfClosest("scientific_epithet_two_slips", plant, name, String.join(" ", slipped(slipped(words, epithet), epithet)));
        }
      }
      add("scientific_lower", name.toLowerCase(Locale.ROOT), owners(name), true);
    }
  }

  /** The species epithet: the first word after the genus made of letters (not "×"). */
  private static int epithetIndex(String[] words) {
    for (int i = 1; i < words.length; i++) {
      if (words[i].matches("[a-z-]{3,}\\.?")) {
        return i;
      }
    }
    return -1;
  }

  private void englishNames() {
    for (JsonObject plant : catalog) {
      String name = plant.getString("name_en");
      if (name == null) {
        continue;
      }
      String[] words = name.split("\\s+");
      for (String slip : SLIPS) {
        for (int i = 0; i < VARIANTS; i++) {
          int word = random.nextInt(words.length);
          typo("english_" + slip, plant, name, word, slip);
        }
      }
    }
  }

  /** A genus or family name: any plant of the group is a right first answer. */
  private void groups(String kind, Function<JsonObject, String> group) {
    Map<String, Set<String>> members = new TreeMap<>();
    for (JsonObject plant : catalog) {
      String name = group.apply(plant);
      if (name != null) {
        members.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(plant.getString("id"));
      }
    }
    members.forEach((name, ids) -> add(kind, name, ids, true));
  }

  private void negatives() {
    UNRELATED.forEach(word -> add(NEGATIVE_PREFIX + "_unrelated", word, Set.of(), false));
    for (int i = 0; i < 40; i++) {
      add(NEGATIVE_PREFIX + "_random", randomLatin(6 + random.nextInt(7)), Set.of(), false);
      add(NEGATIVE_PREFIX + "_random", randomHangul(2 + random.nextInt(4)), Set.of(), false);
    }
    for (String plant : ABSENT_PLANTS) {
      add(NEGATIVE_PREFIX + "_absent_plant", plant, Set.of(), false);
      String[] words = plant.split("\\s+");
      if (!Hangul.containsKorean(plant)) { // letter slips are Latin slips
        add(NEGATIVE_PREFIX + "_absent_misspelled", slipped(words, random.nextInt(words.length), randomSlip()), Set.of(), false);
      }
    }
  }

  private void variants(String kind, JsonObject plant, String name, int word, String slip) {
    for (int i = 0; i < VARIANTS; i++) {
      typo(kind, plant, name, word, slip);
    }
  }

  /** One slip in one word of {@code name}, kept when the plant's own names are the closest to it. */
  private void typo(String kind, JsonObject plant, String name, int word, String slip) {
    String[] words = name.split("\\s+");
    if (words[word].length() >= 3) {
      keepIfClosest(kind, plant, name, slipped(words, word, slip));
    }
  }

  private void keepIfClosest(String kind, JsonObject plant, String name, String typed) {
    String norm = Hangul.normalize(typed);
    if (latinNames.containsKey(norm)) {
      return; // spells a name: not a typo
    }
    Set<String> owners = owners(name);
    int own = Integer.MAX_VALUE;
    int other = Integer.MAX_VALUE;
    for (Map.Entry<String, Set<String>> entry : latinNames.entrySet()) {
      int distance = EditDistance.latin(norm, entry.getKey());
      if (owners.containsAll(entry.getValue())) {
        own = Math.min(own, distance);
      } else {
        other = Math.min(other, distance);
      }
    }
    if (own < other) {
      add(kind, typed, owners, true);
    }
  }

  private String slipped(String[] words, int word, String slip) {
    String[] out = words.clone();
    String w = words[word];
    int i = random.nextInt(slip.equals("swap") ? w.length() - 1 : w.length());
    out[word] = switch (slip) {
      case "swap" -> w.charAt(i) == w.charAt(i + 1) ? w : w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
      case "drop" -> w.substring(0, i) + w.substring(i + 1);
      case "double" -> w.substring(0, i + 1) + w.substring(i);
      default -> w.substring(0, i) + otherLetter(w.charAt(i)) + w.substring(i + 1);
    };
    return String.join(" ", out);
  }

  private String randomSlip() {
    return SLIPS[random.nextInt(SLIPS.length)];
  }

  /** The words with one random slip in word {@code word}, split again for a next slip. */
  private String[] slipped(String[] words, int word) {
    return slipped(words, word, randomSlip()).split(" ");
  }

  private char otherLetter(char c) {
    char lower = Character.toLowerCase(c);
    char other;
    do {
      other = LETTERS.charAt(random.nextInt(LETTERS.length()));
    } while (other == lower);
    return Character.isUpperCase(c) ? Character.toUpperCase(other) : other;
  }

  private String randomLatin(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    }
    return out.toString();
  }

  private String randomHangul(int syllables) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      out.append((char) ('가' + random.nextInt('힣' - '가' + 1)));
    }
    return out.toString();
  }

  private Set<String> owners(String name) {
    return latinNames.getOrDefault(Hangul.normalize(name), Set.of());
  }

  private static List<String> latinNamesOf(JsonObject plant) {
    List<String> names = new ArrayList<>();
    names.add(plant.getString("scientific_name"));
    if (plant.getString("name_en") != null) {
      names.add(plant.getString("name_en"));
    }
    return names;
  }

  private void add(String kind, String query, Set<String> expected, boolean anyOf) {
    if (!query.isBlank() && seen.add(kind + "\t" + query)) {
      queries.add(new SearchEvaluationTest.EvalQuery(kind, query, List.copyOf(expected), anyOf));
    }
  }
}
