#!/usr/bin/env python3
"""Builds eval-queries.tsv, the search evaluation set, from conf/plants.jsonl.

Each line: kind <TAB> query <TAB> expected plant ids (comma separated; empty for negatives).
Typos are made by the rules users actually break (vowel confusions, plain/tense/aspirated
consonants, 받침, syllables, Latin letters), independently of the search code. A generated query
that is as close to another plant's name as to its own is ambiguous and left out.
Run from the project root:  python3 src/test/resources/search/generate_eval.py
"""
import json
import random
import unicodedata

CHO = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
VOWEL_SWAPS = {"ㅐ": "ㅔ", "ㅔ": "ㅐ", "ㅓ": "ㅗㅏ", "ㅗ": "ㅓㅜ", "ㅏ": "ㅓ", "ㅚ": "ㅙㅞ", "ㅙ": "ㅚㅞ", "ㅞ": "ㅚㅙ",
               "ㅕ": "ㅛ", "ㅛ": "ㅕ", "ㅜ": "ㅡㅗ", "ㅡ": "ㅜ", "ㅒ": "ㅖ", "ㅖ": "ㅒ", "ㅢ": "ㅣ", "ㅣ": "ㅢ", "ㅘ": "ㅏ", "ㅝ": "ㅓ"}
CONSONANT_SERIES = ["ㄱㄲㅋ", "ㄷㄸㅌ", "ㅂㅃㅍ", "ㅅㅆ", "ㅈㅉㅊ"]
KEYS = dict(zip("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ",
                "r R rt s sw sg e E f fr fa fq ft fx fv fg a q Q qt t T d w W c z x v g "
                "k o i O j p u P h hk ho hl y n nj np nl b m ml l".split()))
# Words unrelated to any plant name. (Not ㅎㅎ: it is a fair 초성 prefix of 현호색.)
NEGATIVES = ["자동차", "컴퓨터", "비행기", "학교", "사랑해", "커피", "스마트폰", "냉장고", "김치찌개", "축구공",
             "안녕하세요", "대한민국", "서울역", "지하철", "노트북", "키보드", "마우스", "모니터", "책상", "창문",
             "햄버거", "라면", "고양이", "강남역", "텔레비전", "ㅋㅋㅋ", "ㅠㅠ", "asdf", "qwerty", "1234", "9999",
             "hello", "computer", "password", "keyboard", "zxcv", "!!!", "pizza", "iphone", "windows", "아이폰", "주차장"]


def compose(cho, jung, jong=0):
    return chr(0xAC00 + (cho * 21 + jung) * 28 + jong)


def split(syllable):
    index = ord(syllable) - 0xAC00
    return index // 588, index // 28 % 21, index % 28


def is_syllable(c):
    return 0xAC00 <= ord(c) <= 0xD7A3


def keys(text):
    out = []
    for c in text:
        if is_syllable(c):
            cho, jung, jong = split(c)
            out.append(KEYS[CHO[cho]] + KEYS[JUNG[jung]] + (KEYS[JONG[jong]] if jong else ""))
        else:
            out.append(KEYS.get(c, c))
    return "".join(out)


def jamo(text):
    out = []
    for c in text:
        if is_syllable(c):
            cho, jung, jong = split(c)
            out += ["c" + CHO[cho], "v" + JUNG[jung]] + (["f" + JONG[jong]] if jong else [])
        else:
            out.append(c)
    return out


def levenshtein(a, b):
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def korean_names(plant):
    return [plant["name_ko"]] + plant["aliases_ko"]


def latin_to_hangul(text):
    """What a 두벌식 IME shows when English is typed in Korean mode (monkshood → ㅡㅐㅜㅏ뇨ㅐㅐㅇ)."""
    by_key = {v: k for k, v in KEYS.items() if len(v) == 1}
    jamos = [by_key.get(c, by_key.get(c.lower(), c)) for c in text]
    out, i = [], 0
    while i < len(jamos):
        c = jamos[i]
        nxt = jamos[i + 1] if i + 1 < len(jamos) else "\0"
        if c in CHO and nxt in JUNG:
            jung, i = JUNG.index(nxt), i + 2
            nxt2 = jamos[i] if i < len(jamos) else "\0"
            if nxt2 in JUNG and JUNG[jung] + nxt2 in COMPOUND_VOWELS:
                jung, i = JUNG.index(COMPOUND_VOWELS[JUNG[jung] + nxt2]), i + 1
            jong = 0
            if i < len(jamos) and jamos[i] in JONG[1:] and not (i + 1 < len(jamos) and jamos[i + 1] in JUNG):
                jong, i = JONG.index(jamos[i]), i + 1
            out.append(compose(CHO.index(c), jung, jong))
        else:
            out.append(c)
            i += 1
    return "".join(out)


COMPOUND_VOWELS = {"ㅗㅏ": "ㅘ", "ㅗㅐ": "ㅙ", "ㅗㅣ": "ㅚ", "ㅜㅓ": "ㅝ", "ㅜㅔ": "ㅞ", "ㅜㅣ": "ㅟ", "ㅡㅣ": "ㅢ"}


def main():
    rng = random.Random(20261124)
    plants = [json.loads(line) for line in open("conf/plants.jsonl", encoding="utf-8")]
    rows = []
    seen = set()

    def owners(name):
        return {p["id"] for p in plants if name in korean_names(p) or name in (p["name_en"], p["scientific_name"])}

    def unambiguous(query, plant):
        """The query is strictly closer (in jamo or letters) to one of the plant's names than to any other plant's."""
        if any(c.isascii() for c in query):
            own = min(levenshtein(query.lower(), n.lower()) for n in (plant["name_en"], plant["scientific_name"]) if n)
            others = [levenshtein(query.lower(), n.lower()) for p in plants if p is not plant
                      for n in (p["name_en"], p["scientific_name"]) if n]
        else:
            own = min(levenshtein(jamo(query), jamo(n)) for n in korean_names(plant))
            others = [levenshtein(jamo(query), jamo(n)) for p in plants if p is not plant for n in korean_names(p)]
        return all(own < other for other in others)

    def add(kind, query, plant_ids):
        if query and (kind, query) not in seen:
            seen.add((kind, query))
            rows.append((kind, query, ",".join(plant_ids)))

    def add_typo(kind, query, plant):
        if query not in korean_names(plant) and not owners(query) and unambiguous(query, plant):
            add(kind, query, [plant["id"]])

    for p in plants:
        name, pid = p["name_ko"], p["id"]
        add("exact", name, [pid])
        for alias in p["aliases_ko"]:
            if owners(alias) == {pid} and alias.replace(" ", "") != name:
                add("alias", alias, [pid])
        for field, kind in (("name_en", "english"), ("scientific_name", "scientific")):
            if p[field] and owners(p[field]) == {pid}:
                add(kind, p[field], [pid])
        syllables = list(name)
        # case and spaces
        if len(syllables) >= 3:
            cut = rng.randrange(1, len(syllables))
            add("case_space", name[:cut] + " " + name[cut:], [pid])
        if p["name_en"] and owners(p["name_en"]) == {pid}:
            add("case_space", rng.choice([p["name_en"].upper(), p["name_en"].title(), " " + p["name_en"] + " "]), [pid])
        add("nfd", unicodedata.normalize("NFD", name), [pid])
        # vowel confusions
        for i, c in enumerate(syllables):
            cho, jung, jong = split(c)
            for other in VOWEL_SWAPS.get(JUNG[jung], ""):
                add_typo("typo_vowel", name[:i] + compose(cho, JUNG.index(other), jong) + name[i + 1:], p)
        # plain / tense / aspirated consonants
        for i, c in enumerate(syllables):
            cho, jung, jong = split(c)
            for series in CONSONANT_SERIES:
                if CHO[cho] in series:
                    for other in series.replace(CHO[cho], ""):
                        add_typo("typo_consonant", name[:i] + compose(CHO.index(other), jung, jong) + name[i + 1:], p)
        # missing or extra 받침
        for i, c in enumerate(syllables):
            cho, jung, jong = split(c)
            if jong:
                add_typo("typo_batchim", name[:i] + compose(cho, jung) + name[i + 1:], p)
            else:
                extra = JONG.index(rng.choice("ㄴㅇㄹㅁ"))
                add_typo("typo_batchim", name[:i] + compose(cho, jung, extra) + name[i + 1:], p)
        # two slips at once (진덜레): a vowel confusion plus a tense consonant or a 받침 slip elsewhere
        if len(syllables) >= 2:
            for _ in range(3):
                add_typo("typo_double", two_slips(name, rng), p)
        # dropped, added or swapped syllable
        if len(syllables) >= 3:
            i = rng.randrange(len(syllables))
            add_typo("typo_syllable", name[:i] + name[i + 1:], p)
            j = rng.randrange(len(syllables))
            add_typo("typo_syllable", name[:j] + name[j] + name[j:], p)
            k = rng.randrange(len(syllables) - 1)
            add_typo("typo_syllable", name[:k] + name[k + 1] + name[k] + name[k + 2:], p)
        # Latin-name typos: one edit, two on long names
        for latin in (p["name_en"], p["scientific_name"]):
            if latin and len(latin) >= 6 and owners(latin) == {pid}:
                add_typo("typo_latin", latin_typo(latin, rng, 2 if len(latin) > 11 else 1), p)
        # prefixes while typing (whole syllables, or the last one half typed)
        for cut in range(2, len(syllables)):
            prefix = name[:cut]
            others = [n for q in plants if q is not p for n in korean_names(q)]
            if not any(keys(n).startswith(keys(prefix)) for n in others):
                add("prefix", prefix, [pid])
                cho, jung, jong = split(name[cut])
                add("prefix", prefix + CHO[cho], [pid])
                break
        # 초성
        if len(syllables) >= 2:
            initials = "".join(CHO[split(c)[0]] for c in syllables)
            clash = any("".join(CHO[split(c)[0]] for c in n if is_syllable(c)).startswith(initials)
                        for q in plants if q is not p for n in korean_names(q))
            if not clash:
                add("initials", initials, [pid])
        # Korean typed in English mode, and English typed in Korean mode
        add("keyboard", keys(name), [pid])
        if p["name_en"] and owners(p["name_en"]) == {pid}:
            add("keyboard_reverse", latin_to_hangul(p["name_en"].lower()), [pid])
    # several terms at once
    for _ in range(40):
        a, b = rng.sample(plants, 2)
        add("multi", a["name_ko"] + " " + b["name_ko"], [a["id"], b["id"]])
    add("multi", "진달래 철쭉", ["rhododendron-mucronulatum", "rhododendron-schlippenbachii"])
    add("multi", "독미나리 미나리 독당근", ["cicuta-virosa", "oenanthe-javanica", "conium-maculatum"])
    # from the issue
    for query, kind in (("진달레", "typo_vowel"), ("진덜래", "typo_vowel"), ("명이나물", "alias"), ("꽃무릇", "alias"),
                        ("은방울 꽃", "case_space"), ("은방", "prefix"), ("ㅈㄷㄹ", "initials"), ("wlsekffo", "keyboard")):
        add(kind, query, ["rhododendron-mucronulatum" if "ㅈ" in query or "진" in query or query == "wlsekffo"
                          else {"명이나물": "allium-microdictyon", "꽃무릇": "lycoris-radiata"}.get(query, "convallaria-keiskei")])
    for query in NEGATIVES:
        add("negative", query, [])
    with open("src/test/resources/search/eval-queries.tsv", "w", encoding="utf-8") as out:
        out.write("# kind\tquery\texpected plant ids (generated by generate_eval.py)\n")
        for kind, query, ids in rows:
            out.write(f"{kind}\t{query}\t{ids}\n")


def two_slips(name, rng):
    i, j = rng.sample(range(len(name)), 2)
    chars = list(name)
    cho, jung, jong = split(chars[i])
    swaps = VOWEL_SWAPS.get(JUNG[jung], "")
    if swaps:
        chars[i] = compose(cho, JUNG.index(rng.choice(swaps)), jong)
    cho, jung, jong = split(chars[j])
    series = next((s for s in CONSONANT_SERIES if CHO[cho] in s), None)
    if series and rng.random() < 0.5:
        chars[j] = compose(CHO.index(rng.choice(series.replace(CHO[cho], ""))), jung, jong)
    else:
        chars[j] = compose(cho, jung, 0 if jong else JONG.index(rng.choice("ㄴㅇㄹ")))
    return "".join(chars)


def latin_typo(text, rng, edits):
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(edits):
        i = rng.randrange(1, len(text) - 1)
        op = rng.choice(["replace", "delete", "insert", "swap"])
        if op == "replace":
            text = text[:i] + rng.choice(letters) + text[i + 1:]
        elif op == "delete":
            text = text[:i] + text[i + 1:]
        elif op == "insert":
            text = text[:i] + rng.choice(letters) + text[i:]
        else:
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text


if __name__ == "__main__":
    main()
