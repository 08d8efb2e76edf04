"""Hangul decomposition and romanisation of Korean text and personal names.

Why this exists: one person appears in sources under many spellings. A South
Korean passport says "Park Chung-hee", an academic text "Pak Chŏng-hŭi", the
official Revised Romanization "Bak Jeonghui", a North Korean publication
"Pak Jong Hui". The generator uses this module to give synthetic people the
variant spellings real records have; entity resolution uses it to see that
those spellings name the same Hangul.

Systems implemented:

* **Revised Romanization (RR, South Korea, 2000)** -- ``romanize_rr``.
  For general text it applies the sound changes at syllable boundaries that
  RR transcribes: linking of a final consonant into a following vowel (한국어
  Hangugeo, 설악 Seorak), nasalisation (독립문 Dongnimmun, 왕십리 Wangsimni),
  ㄹ after ㄴ/ㄹ -> ll (신라 Silla, 대관령 Daegwallyeong) and ㄹ -> n after
  other consonants (강릉 Gangneung, 백령도 Baengnyeongdo), palatalisation
  (같이 gachi, 해돋이 haedoji) and aspiration after a final ㅎ (좋고 joko).
  Not covered: tensing (never written in RR anyway), ㄴ-insertion (알약
  "allyak" comes out "aryak"), lexical exceptions (신문로 "Sinmunno" comes out
  "Sinmullo") and the noun/verb distinction for ㄱ/ㄷ/ㅂ + ㅎ (always
  written unaspirated, as RR does for nouns: 묵호 Mukho).
  For personal names (``person=True``) RR transcribes syllable by syllable
  without sound changes, as its rules for names require (한복남 Han Boknam).
* **McCune-Reischauer (MR, 1939)** -- ``romanize_mr``, with breves (ŏ, ŭ) or
  without, with or without the aspiration apostrophe. General text applies
  voicing of ㄱ ㄷ ㅂ ㅈ between voiced sounds (g, d, b, j), the same
  nasalisation/liquid rules as RR, aspiration after ㅎ and the n'g apostrophe
  (한글 Han'gŭl). ㅅ is "s" except "sh" before ㅟ (original MR; the 1984 South
  Korean variant's "shi" is not produced). Names keep syllables apart with
  hyphens and apply only voicing (김대중 Kim Tae-jung); 이 as a surname is
  "Yi" by MR convention.
* **North Korean style** (``system="dprk"`` in ``romanize_name``): the spelling
  of DPRK English-language publications, syllables spaced and unvoiced, ㅓ and
  ㅡ as o and u, aspirates as kh/th/ph (Kim Jong Il, Jang Song Thaek).
* **Popular spellings**: the conventional forms found in passports and the
  press, from a table of common name syllables (Jung, Young, Soo, Hee, ...)
  and of surnames (Lee, Park, Choi, Roh, ...).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

_S_BASE = 0xAC00
_S_LAST = 0xD7A3

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ",
          "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")

#: Two-syllable surnames; any other surname is the first syllable.
COMPOUND_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방")

# --- tables -------------------------------------------------------------------

_RR_INITIAL = dict(zip(INITIALS, ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss",
                                  "", "j", "jj", "ch", "k", "t", "p", "h"), strict=True))
_RR_VOWEL = dict(zip(MEDIALS, ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa",
                               "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui",
                               "i"), strict=True))
_MR_INITIAL = dict(zip(INITIALS, ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss",
                                  "", "ch", "tch", "ch'", "k'", "t'", "p'", "h"), strict=True))
_MR_VOICED = {"ㄱ": "g", "ㄷ": "d", "ㅂ": "b", "ㅈ": "j"}
_MR_VOWEL = dict(zip(MEDIALS, ("a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa",
                               "wae", "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi",
                               "i"), strict=True))
_DPRK_INITIAL = dict(zip(INITIALS, ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss",
                                    "", "j", "jj", "ch", "kh", "th", "ph", "h"), strict=True))
_DPRK_VOWEL = dict(zip(MEDIALS, ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa",
                                 "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui",
                                 "i"), strict=True))

# The sound a final consonant makes before a consonant or at the end of a word.
_K, _N, _T, _L, _M, _P, _NG, _H = "K", "N", "T", "L", "M", "P", "NG", "H"
_FINAL_CLASS = {
    "": "", "ㄱ": _K, "ㄲ": _K, "ㄳ": _K, "ㄴ": _N, "ㄵ": _N, "ㄶ": _N, "ㄷ": _T, "ㄹ": _L,
    "ㄺ": _K, "ㄻ": _M, "ㄼ": _L, "ㄽ": _L, "ㄾ": _L, "ㄿ": _P, "ㅀ": _L, "ㅁ": _M, "ㅂ": _P,
    "ㅄ": _P, "ㅅ": _T, "ㅆ": _T, "ㅇ": _NG, "ㅈ": _T, "ㅊ": _T, "ㅋ": _K, "ㅌ": _T, "ㅍ": _P,
    "ㅎ": _H,
}
_CODA = {"": "", _K: "k", _N: "n", _T: "t", _L: "l", _M: "m", _P: "p", _NG: "ng", _H: "t"}

# A final before a vowel-initial syllable: (what stays as coda, what moves over).
_LINK = {
    "ㄱ": ("", "ㄱ"), "ㄲ": ("", "ㄲ"), "ㄳ": (_K, "ㅅ"), "ㄴ": ("", "ㄴ"), "ㄵ": (_N, "ㅈ"),
    "ㄶ": ("", "ㄴ"), "ㄷ": ("", "ㄷ"), "ㄹ": ("", "ㄹ"), "ㄺ": (_L, "ㄱ"), "ㄻ": (_L, "ㅁ"),
    "ㄼ": (_L, "ㅂ"), "ㄽ": (_L, "ㅅ"), "ㄾ": (_L, "ㅌ"), "ㄿ": (_L, "ㅍ"), "ㅀ": ("", "ㄹ"),
    "ㅁ": ("", "ㅁ"), "ㅂ": ("", "ㅂ"), "ㅄ": (_P, "ㅅ"), "ㅅ": ("", "ㅅ"), "ㅆ": ("", "ㅆ"),
    "ㅇ": (_NG, "ㅇ"), "ㅈ": ("", "ㅈ"), "ㅊ": ("", "ㅊ"), "ㅋ": ("", "ㅋ"), "ㅌ": ("", "ㅌ"),
    "ㅍ": ("", "ㅍ"), "ㅎ": ("", "ㅇ"),
}
_ASPIRATED = {"ㄱ": "ㅋ", "ㄷ": "ㅌ", "ㅈ": "ㅊ"}
_NASAL_OF = {_K: _NG, _T: _N, _P: _M, _H: _N}

# --- decomposition --------------------------------------------------------------


def is_hangul_syllable(char: str) -> bool:
    """True for a precomposed Hangul syllable (가..힣)."""
    return len(char) == 1 and _S_BASE <= ord(char) <= _S_LAST


def decompose(syllable: str) -> tuple[str, str, str]:
    """Split one Hangul syllable into (initial, medial, final) compatibility jamo.

    The final is "" for an open syllable; the initial is "ㅇ" for a silent one.
    """
    if not is_hangul_syllable(syllable):
        raise ValueError(f"not a Hangul syllable: {syllable!r}")
    index = ord(syllable) - _S_BASE
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    return INITIALS[initial], MEDIALS[medial], FINALS[final]


def compose(initial: str, medial: str, final: str = "") -> str:
    """The syllable made of the given compatibility jamo (the inverse of ``decompose``)."""
    index = (INITIALS.index(initial) * 21 + MEDIALS.index(medial)) * 28 + FINALS.index(final)
    return chr(_S_BASE + index)


def split_name(hangul: str) -> tuple[str, str]:
    """Split a Korean full name into (surname, given name).

    A space, if present, separates them; otherwise the surname is one syllable
    or a known two-syllable surname (남궁, 황보, 제갈, ...) when the name is
    longer than three syllables or starts with one of those.
    """
    text = hangul.strip()
    if " " in text:
        surname, given = text.split(None, 1)
        return surname, given.replace(" ", "")
    if len(text) >= 3 and text[:2] in COMPOUND_SURNAMES:
        return text[:2], text[2:]
    return text[:1], text[1:]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def strip_breves(text: str) -> str:
    return text.translate(str.maketrans("ŏŭŎŬ", "ouOU"))


# --- general text -------------------------------------------------------------


def _boundary(final: str, initial: str, next_medial: str, system: str) -> tuple[str, str]:
    """Romanised (coda, onset) where a syllable ending in ``final`` meets ``initial``.

    ``system`` is "rr" or "mr". Sound changes are applied as described in the
    module docstring.
    """
    mr = system == "mr"
    initials = _MR_INITIAL if mr else _RR_INITIAL
    cls = _FINAL_CLASS[final]
    has_h = final in ("ㅎ", "ㄶ", "ㅀ")
    if initial == "ㅇ":  # linking: the final moves into the next syllable
        stay, moved = _LINK[final] if final else ("", "ㅇ")
        if next_medial == "ㅣ" and moved in ("ㄷ", "ㅌ"):
            moved = "ㅈ" if moved == "ㄷ" else "ㅊ"
        if mr:
            onset = _MR_VOICED.get(moved) or _MR_INITIAL[moved]
        else:
            onset = _RR_INITIAL[moved]
        return _CODA[stay], onset
    if has_h and initial in _ASPIRATED:
        coda = {"ㄶ": "n", "ㅀ": "l"}.get(final, "")
        return coda, initials[_ASPIRATED[initial]]
    if has_h and initial == "ㅅ":
        return {"ㄶ": "n", "ㅀ": "l"}.get(final, ""), "ss" if mr else "s"
    if initial == "ㄹ":
        if not cls:
            return "", "r"
        if cls in (_N, _L):
            return "l", "l"
        return _CODA[_NASAL_OF.get(cls, cls)], "n"
    if initial in ("ㄴ", "ㅁ"):
        if cls == _L and initial == "ㄴ":
            return "l", "l"
        if cls in _NASAL_OF:
            return _CODA[_NASAL_OF[cls]], initials[initial]
        return _CODA[cls], initials[initial]
    coda = _CODA[cls]
    if mr:
        if initial in _MR_VOICED and cls in ("", _N, _L, _M, _NG):
            onset = _MR_VOICED[initial]
        elif initial == "ㅅ" and next_medial == "ㅟ":
            onset = "sh"
        else:
            onset = _MR_INITIAL[initial]
        if coda == "n" and onset.startswith("g"):
            return "n'", onset
        return coda, onset
    return coda, _RR_INITIAL[initial]


def _romanize_word(word: str, system: str) -> str:
    """Romanise a run of Hangul syllables with boundary sound changes."""
    jamo = [decompose(ch) for ch in word]
    vowels = _MR_VOWEL if system == "mr" else _RR_VOWEL
    first_initials = _MR_INITIAL if system == "mr" else _RR_INITIAL
    out: list[str] = []
    onset = first_initials[jamo[0][0]]
    if system == "mr" and jamo[0][0] == "ㅅ" and jamo[0][1] == "ㅟ":
        onset = "sh"
    for index, (_initial, medial, final) in enumerate(jamo):
        out.append(onset)
        out.append(vowels[medial])
        if index + 1 < len(jamo):
            nxt = jamo[index + 1]
            coda, onset = _boundary(final, nxt[0], nxt[1], system)
            out.append(coda)
        else:
            out.append(_CODA[_FINAL_CLASS[final]])
    return "".join(out)


def _romanize_text(text: str, system: str, capitalize: bool) -> str:
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            word = _romanize_word("".join(run), system)
            at_word_start = not out or not out[-1][-1:].isalnum()
            out.append(_cap(word) if capitalize and at_word_start else word)
            run.clear()

    for char in text:
        if is_hangul_syllable(char):
            run.append(char)
        else:
            flush()
            out.append(char)
    flush()
    return "".join(out)


# --- personal names -----------------------------------------------------------


def _syllable(ch: str, initials: dict[str, str], vowels: dict[str, str]) -> str:
    initial, medial, final = decompose(ch)
    return initials[initial] + vowels[medial] + _CODA[_FINAL_CLASS[final]]


@lru_cache(maxsize=4096)
def rr_syllables(given: str) -> tuple[str, ...]:
    return tuple(_syllable(ch, _RR_INITIAL, _RR_VOWEL) for ch in given)


@lru_cache(maxsize=4096)
def dprk_syllables(given: str) -> tuple[str, ...]:
    return tuple(_syllable(ch, _DPRK_INITIAL, _DPRK_VOWEL) for ch in given)


@lru_cache(maxsize=4096)
def mr_syllables(given: str) -> tuple[str, ...]:
    """MR name syllables: only voicing between syllables, no other sound change."""
    out: list[str] = []
    previous_final = None
    for ch in given:
        initial, medial, final = decompose(ch)
        voiced_before = previous_final is not None and _FINAL_CLASS[previous_final] in (
            "", _N, _L, _M, _NG)
        if voiced_before and initial in _MR_VOICED:
            onset = _MR_VOICED[initial]
        elif initial == "ㄹ" and previous_final == "ㄹ":
            onset = "l"
        elif initial == "ㅅ" and medial == "ㅟ":
            onset = "sh"
        else:
            onset = _MR_INITIAL[initial]
        out.append(onset + _MR_VOWEL[medial] + _CODA[_FINAL_CLASS[final]])
        previous_final = final
    return tuple(out)


def _join(syllables: tuple[str, ...] | list[str], style: str) -> str:
    """Join name syllables: "compact" (Jeongil), "hyphen" (Jeong-il), "spaced" (Jeong Il)."""
    if style == "spaced":
        return " ".join(_cap(s) for s in syllables)
    sep = "-" if style == "hyphen" else ""
    return _cap(sep.join(syllables))


def _mr_surname(surname: str) -> str:
    if surname == "이":
        return "Yi"
    return _cap("".join(mr_syllables(surname)))


def _person(hangul: str, system: str, hyphen: bool) -> str:
    surname, given = split_name(hangul)
    if system == "mr":
        head = _mr_surname(surname)
        tail = _join(mr_syllables(given), "hyphen") if given else ""
    else:
        head = _cap("".join(rr_syllables(surname)))
        tail = _join(rr_syllables(given), "hyphen" if hyphen else "compact") if given else ""
    return f"{head} {tail}".strip()


def romanize_rr(hangul: str, *, person: bool = False, hyphen: bool = False,
                capitalize: bool = True) -> str:
    """Revised Romanization of ``hangul``.

    General text gets the boundary sound changes listed in the module
    docstring; characters that are not Hangul syllables pass through. With
    ``person=True`` the text is a personal name: surname, space, given name
    transcribed syllable by syllable ("Gim Jeongil"; ``hyphen=True`` gives
    "Gim Jeong-il").
    """
    if person:
        return _person(hangul, "rr", hyphen)
    return _romanize_text(hangul, "rr", capitalize)


def romanize_mr(hangul: str, breves: bool = False, *, person: bool = False,
                apostrophes: bool = True, capitalize: bool = True) -> str:
    """McCune-Reischauer romanisation of ``hangul``.

    ``breves=False`` writes ŏ and ŭ as o and u (the common typewriter form),
    ``apostrophes=False`` also drops the aspiration mark (Ch'oe -> Choe). With
    ``person=True`` the text is a personal name: "Kim Chŏng-il".
    """
    text = _person(hangul, "mr", True) if person else _romanize_text(hangul, "mr", capitalize)
    if not breves:
        text = strip_breves(text)
    if not apostrophes:
        text = text.replace("'", "")
    return text


# --- conventional spellings -----------------------------------------------------

#: Usual spellings of surnames, the most common South Korean one first.
CONVENTIONAL_SURNAMES: dict[str, tuple[str, ...]] = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "Ri", "I"), "리": ("Ri", "Lee", "Yi", "Rhee"),
    "박": ("Park", "Pak", "Bak"), "최": ("Choi", "Choe", "Chey"),
    "정": ("Jung", "Jeong", "Chung", "Chong", "Jong"), "강": ("Kang", "Gang"),
    "조": ("Cho", "Jo", "Joe"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"),
    "임": ("Lim", "Im", "Rim"), "림": ("Rim", "Lim", "Im"), "한": ("Han",), "오": ("Oh", "O"),
    "서": ("Seo", "Suh", "So"), "신": ("Shin", "Sin"), "권": ("Kwon", "Gwon"),
    "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",), "류": ("Ryu", "Yoo", "Yu", "Ryoo"),
    "유": ("Yoo", "Yu", "Ryu"), "전": ("Jeon", "Chun", "Jun", "Chon"), "홍": ("Hong",),
    "고": ("Ko", "Go", "Koh"), "문": ("Moon", "Mun"), "양": ("Yang",), "량": ("Ryang", "Yang"),
    "손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paik", "Paek"),
    "허": ("Heo", "Hur", "Huh", "Ho"), "남": ("Nam",), "심": ("Shim", "Sim"),
    "노": ("Roh", "Noh", "No", "Ro"), "로": ("Ro", "Roh", "No"), "하": ("Ha",),
    "곽": ("Kwak", "Gwak"), "성": ("Sung", "Seong", "Song"), "차": ("Cha",),
    "주": ("Joo", "Ju", "Chu"), "우": ("Woo", "U"), "구": ("Koo", "Ku", "Gu"), "민": ("Min",),
    "진": ("Jin", "Chin"), "나": ("Na", "Ra"), "라": ("Ra", "Na"), "지": ("Ji", "Chi"),
    "엄": ("Um", "Eom", "Om"), "채": ("Chae",), "원": ("Won",), "천": ("Cheon", "Chun", "Chon"),
    "방": ("Bang", "Pang"), "공": ("Kong", "Gong"), "현": ("Hyun", "Hyeon", "Hyon"),
    "함": ("Ham",), "변": ("Byun", "Byeon", "Pyon"), "염": ("Yeom", "Yum", "Yom"),
    "렴": ("Ryom", "Yeom"), "여": ("Yeo", "Yuh", "Yo"), "려": ("Ryo", "Yeo"),
    "추": ("Choo", "Chu"), "도": ("Do", "Doh", "To"), "석": ("Seok", "Suk", "Sok"),
    "선": ("Sun", "Seon", "Son"), "설": ("Seol", "Sul", "Sol"), "마": ("Ma",),
    "길": ("Gil", "Kil"), "연": ("Yeon", "Yun", "Yon"), "위": ("Wi", "Wee"), "표": ("Pyo",),
    "명": ("Myung", "Myeong", "Myong"), "기": ("Ki", "Gi"), "반": ("Ban", "Pan"),
    "왕": ("Wang",), "금": ("Keum", "Geum", "Kum"), "옥": ("Ok",), "육": ("Yook", "Yuk"),
    "인": ("In",), "맹": ("Maeng",), "제": ("Je", "Che"), "모": ("Mo",), "탁": ("Tak",),
    "국": ("Kook", "Guk", "Kuk"), "남궁": ("Namgoong", "Namgung", "Namkung"),
    "황보": ("Hwangbo",), "제갈": ("Jegal", "Chegal"), "선우": ("Sunwoo", "Seonu", "Sonu"),
    "독고": ("Dokgo", "Tokko"), "사공": ("Sagong", "Sakong"),
}

#: Usual spellings of common given-name syllables, the most common first.
POPULAR_SYLLABLES: dict[str, tuple[str, ...]] = {
    "가": ("ka", "ga"), "강": ("kang", "gang"), "건": ("gun", "geon", "kun"),
    "경": ("kyung", "kyoung", "gyeong", "kyong"), "계": ("kye", "gye"), "고": ("ko", "go"),
    "광": ("kwang", "gwang"), "구": ("koo", "ku", "gu"), "국": ("kook", "kuk", "guk"),
    "군": ("kun", "gun"), "권": ("kwon", "gwon"), "규": ("kyu", "gyu"),
    "근": ("keun", "geun", "kun"), "금": ("keum", "geum", "kum"), "기": ("ki", "gi"),
    "길": ("kil", "gil"), "남": ("nam",), "녀": ("nyeo", "nyo", "nyu"), "단": ("dan",),
    "달": ("dal",), "대": ("dae", "tae"), "덕": ("duk", "deok", "dok"), "도": ("do",),
    "동": ("dong",), "두": ("doo", "du"), "란": ("ran", "lan"), "련": ("ryun", "ryeon", "ryon"),
    "례": ("rye", "ye", "lye"), "룡": ("ryong", "yong"), "만": ("man",), "말": ("mal",),
    "명": ("myung", "myeong", "myong"), "무": ("moo", "mu"), "문": ("moon", "mun"),
    "미": ("mi", "mee"), "민": ("min",), "박": ("bak", "pak", "park"),
    "범": ("bum", "beom", "pom"), "병": ("byung", "byeong", "pyong"), "보": ("bo",),
    "복": ("bok",), "봉": ("bong",), "분": ("bun", "boon"), "빈": ("bin",), "삼": ("sam",),
    "상": ("sang",), "석": ("suk", "seok", "sok"), "선": ("sun", "seon", "son"),
    "섭": ("sub", "seop", "sop"), "성": ("sung", "seong", "song"), "세": ("se",),
    "송": ("song",), "수": ("soo", "su"), "숙": ("sook", "suk"), "순": ("soon", "sun"),
    "승": ("seung", "sung"), "시": ("si", "shi"), "식": ("sik", "shik"), "신": ("shin", "sin"),
    "실": ("sil", "shil"), "심": ("shim", "sim"), "아": ("ah", "a"), "안": ("ahn", "an"),
    "애": ("ae",), "연": ("yeon", "yun", "yon"), "열": ("yeol", "yul", "yol"),
    "영": ("young", "yeong", "yong"), "예": ("ye",), "옥": ("ok",), "완": ("wan",),
    "용": ("yong",), "우": ("woo", "u"), "욱": ("wook", "uk"), "운": ("woon", "un"),
    "원": ("won",), "월": ("wol", "wul"), "유": ("yoo", "yu"), "윤": ("yoon", "yun"),
    "은": ("eun", "un"), "의": ("eui", "ui"), "인": ("in",), "일": ("il",), "자": ("ja", "cha"),
    "재": ("jae", "chae"), "정": ("jung", "jeong", "chung", "jong", "chong"), "제": ("je",),
    "조": ("jo", "cho"), "종": ("jong", "chong"), "주": ("joo", "ju", "chu"),
    "준": ("joon", "jun", "chun"), "중": ("joong", "jung", "chung"), "지": ("ji", "chi"),
    "진": ("jin", "chin"), "찬": ("chan",), "창": ("chang",), "천": ("chun", "cheon"),
    "철": ("chul", "cheol", "chol"), "춘": ("choon", "chun"), "충": ("choong", "chung"),
    "태": ("tae",), "택": ("taek",), "평": ("pyung", "pyeong", "pyong"), "필": ("pil", "phil"),
    "하": ("ha",), "학": ("hak",), "한": ("han",), "해": ("hae",), "향": ("hyang",),
    "혁": ("hyuk", "hyeok", "hyok"), "현": ("hyun", "hyeon", "hyon"),
    "형": ("hyung", "hyeong", "hyong"), "혜": ("hye", "hae"), "호": ("ho",), "홍": ("hong",),
    "화": ("hwa",), "환": ("hwan",), "효": ("hyo",), "훈": ("hoon", "hun"),
    "희": ("hee", "hui", "heui"), "흥": ("heung", "hung"),
}

_MAX_POPULAR_COMBOS = 12


@lru_cache(maxsize=256)
def surname_forms(surname: str) -> tuple[str, ...]:
    """Every spelling of a surname: conventional ones first, then RR, MR, DPRK."""
    forms = list(CONVENTIONAL_SURNAMES.get(surname, ()))
    forms += [
        _cap("".join(rr_syllables(surname))),
        _mr_surname(surname),
        strip_breves(_mr_surname(surname)),
        strip_breves(_mr_surname(surname)).replace("'", ""),
        _cap("".join(dprk_syllables(surname))),
    ]
    return tuple(dict.fromkeys(forms))


def _popular_combos(given: str) -> list[tuple[str, ...]]:
    options = [POPULAR_SYLLABLES.get(ch) or (rr_syllables(ch)[0],) for ch in given]
    limited = [opts[:4] if index == 0 else opts[:3] for index, opts in enumerate(options)]
    return list(product(*limited))[:_MAX_POPULAR_COMBOS]


@lru_cache(maxsize=8192)
def _given_forms(given: str) -> dict[str, tuple[str, ...]]:
    """The given name in each system and style, keyed by system."""
    rr = rr_syllables(given)
    mr = mr_syllables(given)
    dprk = dprk_syllables(given)
    popular = _popular_combos(given)
    mr_breves = _join(mr, "hyphen")
    mr_plain = strip_breves(mr_breves)
    return {
        "popular": tuple(_join(combo, "hyphen") for combo in popular),
        "popular_compact": tuple(_join(combo, "compact") for combo in popular),
        "popular_spaced": (_join(popular[0], "spaced"),),
        "rr": (_join(rr, "compact"), _join(rr, "hyphen"), _join(rr, "spaced")),
        "mr": (mr_breves, mr_plain, mr_plain.replace("'", "")),
        "dprk": (_join(dprk, "spaced"), _join(dprk, "hyphen"), _join(dprk, "compact")),
    }


def romanize_name(surname: str, given: str, system: str = "rr", *, style: str = "compact",
                  breves: bool = True, apostrophes: bool = True) -> str:
    """One spelling of a name given as Hangul surname and given name.

    ``system``: "rr" (Gim Jeongil), "mr" (Kim Chŏng-il; always hyphenated),
    "dprk" (Kim Jong Il), "popular" (Kim Jung-il). ``style``: "compact",
    "hyphen" or "spaced" for the systems that allow a choice.
    """
    if system == "mr":
        text = f"{_mr_surname(surname)} {_join(mr_syllables(given), 'hyphen')}"
        text = text if breves else strip_breves(text)
        return text if apostrophes else text.replace("'", "")
    if system == "rr":
        return f"{_cap(''.join(rr_syllables(surname)))} {_join(rr_syllables(given), style)}"
    if system == "dprk":
        return f"{_cap(''.join(dprk_syllables(surname)))} {_join(dprk_syllables(given), style)}"
    if system == "popular":
        head = surname_forms(surname)[0]
        return f"{head} {_join(_popular_combos(given)[0], style)}"
    raise ValueError(f"unknown romanisation system: {system!r}")


@lru_cache(maxsize=65536)
def _name_variants(surname: str, given: str) -> tuple[str, ...]:
    surnames = surname_forms(surname)
    conventional = CONVENTIONAL_SURNAMES.get(surname) or surnames[:1]
    rr_surname = _cap("".join(rr_syllables(surname)))
    mr_surname = _mr_surname(surname)
    dprk_surname = _cap("".join(dprk_syllables(surname)))
    g = _given_forms(given)
    out = [
        f"{conventional[0]} {g['popular'][0]}",
        f"{rr_surname} {g['rr'][0]}",
        f"{rr_surname} {g['rr'][1]}",
        f"{mr_surname} {g['mr'][0]}",
        f"{strip_breves(mr_surname)} {g['mr'][1]}",
        f"{dprk_surname} {g['dprk'][0]}",
        f"{dprk_surname} {g['dprk'][1]}",
        f"{strip_breves(mr_surname).replace(chr(39), '')} {g['mr'][2]}",
    ]
    for head in conventional:
        out += [f"{head} {g['popular'][0]}", f"{head} {g['rr'][1]}", f"{head} {g['rr'][0]}",
                f"{head} {g['dprk'][0]}", f"{head} {g['dprk'][1]}", f"{head} {g['dprk'][2]}"]
    head = conventional[0]
    out += [f"{head} {form}" for form in g["popular"][1:]]
    out += [f"{head} {form}" for form in g["popular_compact"]]
    out += [f"{head} {g['popular_spaced'][0]}", f"{rr_surname} {g['rr'][2]}",
            f"{head} {g['rr'][2]}", f"{head} {g['mr'][1]}"]
    # Western order, as in English-language press and foreign documents.
    out += [f"{g['popular'][0]} {head}", f"{g['dprk'][1]} {dprk_surname}"]
    return tuple(dict.fromkeys(out))


def name_variants(surname_hangul: str, given_hangul: str) -> list[str]:
    """The common romanised spellings of a Korean name, most usual first.

    Covers RR (compact "Gim Jeongil", hyphenated, spaced), McCune-Reischauer
    with and without breves and apostrophes ("Kim Chŏng-il", "Kim Chong-il"),
    the North Korean style ("Kim Jong Il", "Kim Jong-il", "Kim Jongil") and the
    popular spellings with every conventional surname ("Park Chung-hee",
    "Pak ...", "Bak ...") and the Western order ("Chung-hee Park"). The first
    item is the popular form with the most common surname spelling, a good
    default for display.
    """
    surname = surname_hangul.strip()
    given = given_hangul.replace(" ", "").strip()
    if not given:
        return list(surname_forms(surname))
    return list(_name_variants(surname, given))
