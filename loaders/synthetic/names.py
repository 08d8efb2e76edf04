"""Synthetic personal names: Korean, Japanese and Western.

Why: search, entity resolution and the bilingual pages must cope with what
real records hold -- a Hangul name and several romanisations of it (via
``loaders.romanize``), North Korean spellings of surnames (리 not 이), the
Japanese alias a Korean resident of Japan used, Japanese names in kanji and
kana, and Western names with and without accents. Names are drawn from
common surnames and given-name syllables; any resemblance to a real person is
a coincidence of common names, and every record says it is synthetic.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from loaders.romanize import name_variants
from loaders.synthetic.context import Context, Weighted

#: How many romanised variants a generated person carries besides name_en.
VARIANTS_KEPT = 5


class Name(NamedTuple):
    name_en: str
    name_ko: str | None
    variants: list[str]
    surname: str  # Hangul surname for Koreans, romanised otherwise (for relatives)


# Approximate frequencies (percent) of South Korean surnames.
KOREAN_SURNAMES = Weighted({
    "김": 21.5, "이": 14.7, "박": 8.4, "최": 4.7, "정": 4.3, "강": 2.4, "조": 2.1, "윤": 2.1,
    "장": 2.0, "임": 1.7, "한": 1.5, "오": 1.5, "서": 1.5, "신": 1.5, "권": 1.4, "황": 1.4,
    "안": 1.4, "송": 1.3, "류": 0.6, "유": 1.2, "전": 1.1, "홍": 1.1, "고": 0.9, "문": 0.9,
    "양": 0.9, "손": 0.9, "배": 0.8, "백": 0.7, "허": 0.6, "남": 0.6, "심": 0.5, "노": 0.4,
    "하": 0.4, "곽": 0.4, "성": 0.4, "차": 0.4, "주": 0.4, "우": 0.4, "구": 0.4, "민": 0.3,
    "진": 0.3, "나": 0.3, "지": 0.3, "엄": 0.3, "채": 0.2, "원": 0.2, "천": 0.2, "방": 0.2,
    "공": 0.2, "현": 0.2, "함": 0.2, "변": 0.2, "염": 0.1, "여": 0.1, "추": 0.1, "도": 0.1,
    "석": 0.1, "선": 0.1, "설": 0.1, "마": 0.1, "길": 0.1, "연": 0.1, "위": 0.05, "표": 0.05,
    "명": 0.05, "기": 0.05, "반": 0.05, "왕": 0.05, "금": 0.05, "옥": 0.05, "육": 0.05,
    "인": 0.05, "맹": 0.03, "제": 0.03, "모": 0.03, "탁": 0.03, "국": 0.03, "남궁": 0.03,
    "황보": 0.02, "제갈": 0.01, "선우": 0.01, "독고": 0.005,
})

#: North Korean orthography keeps the initial ㄹ/ㄴ that the South drops.
NORTH_SURNAMES = {"이": "리", "임": "림", "노": "로", "유": "류", "나": "라", "양": "량",
                  "염": "렴", "여": "려"}

# Given-name syllables: (first position, second position) by sex and generation.
_OLD_MALE = ("영정상병동종재명성광용기만봉길복춘학대태덕석문창근원한호경진인일",
             "수식철호석근환길만복현섭기훈구남일규달진국우택")
_OLD_FEMALE = ("영순정옥말춘금복숙분명경귀점선애봉",
               "자순희례녀분옥숙덕심단월화")
_NEW_MALE = ("민준성현지동상영정재승진태우혁철광명", "수호철민준현석우진혁훈일남성환")
_NEW_FEMALE = ("미은지혜수정영현선경유향옥금설련", "희영정숙경미진은아향련옥순주연")


def korean_given(ctx: Context, sex: str, birth_year: int) -> str:
    """A two-syllable (rarely one-syllable) Korean given name typical of the generation."""
    female = sex == "female" or (sex == "unknown" and ctx.chance(0.5))
    if birth_year < 1950:
        first, second = _OLD_FEMALE if female else _OLD_MALE
    else:
        first, second = _NEW_FEMALE if female else _NEW_MALE
    if ctx.chance(0.03):
        return ctx.choice(first)
    a = ctx.choice(first)
    b = ctx.choice(second)
    while b == a:
        b = ctx.choice(second)
    return a + b


def korean_surname(ctx: Context, north: bool = False) -> str:
    surname = ctx.pick(KOREAN_SURNAMES)
    return NORTH_SURNAMES.get(surname, surname) if north else surname


def korean(ctx: Context, sex: str, birth_year: int, north: bool = False,
           surname: str | None = None) -> Name:
    """A Korean name in Hangul with its romanisations; ``north`` uses DPRK spelling."""
    if surname is None:
        surname = korean_surname(ctx, north)
    elif north:
        surname = NORTH_SURNAMES.get(surname, surname)
    given = korean_given(ctx, sex, birth_year)
    while given == surname:  # "Han Han" reads the same family-first and given-first: no variant
        given = korean_given(ctx, sex, birth_year)
    variants = name_variants(surname, given)
    return Name(variants[0], surname + given, variants[1:1 + VARIANTS_KEPT], surname)


# --- Japanese ---------------------------------------------------------------------
# (Hepburn with macrons, kanji, katakana, Hangul transcription)
JapaneseName = tuple[str, str, str, str]

JAPANESE_SURNAMES: tuple[JapaneseName, ...] = (
    ("Satō", "佐藤", "サトウ", "사토"), ("Suzuki", "鈴木", "スズキ", "스즈키"),
    ("Takahashi", "高橋", "タカハシ", "다카하시"), ("Tanaka", "田中", "タナカ", "다나카"),
    ("Watanabe", "渡辺", "ワタナベ", "와타나베"), ("Itō", "伊藤", "イトウ", "이토"),
    ("Yamamoto", "山本", "ヤマモト", "야마모토"), ("Nakamura", "中村", "ナカムラ", "나카무라"),
    ("Kobayashi", "小林", "コバヤシ", "고바야시"), ("Katō", "加藤", "カトウ", "가토"),
    ("Yoshida", "吉田", "ヨシダ", "요시다"), ("Yamada", "山田", "ヤマダ", "야마다"),
    ("Sasaki", "佐々木", "ササキ", "사사키"), ("Yamaguchi", "山口", "ヤマグチ", "야마구치"),
    ("Inoue", "井上", "イノウエ", "이노우에"), ("Kimura", "木村", "キムラ", "기무라"),
    ("Hayashi", "林", "ハヤシ", "하야시"), ("Shimizu", "清水", "シミズ", "시미즈"),
    ("Mori", "森", "モリ", "모리"), ("Ikeda", "池田", "イケダ", "이케다"),
)
JAPANESE_FEMALE: tuple[JapaneseName, ...] = (
    ("Haruko", "春子", "ハルコ", "하루코"), ("Akiko", "明子", "アキコ", "아키코"),
    ("Sachiko", "幸子", "サチコ", "사치코"), ("Noriko", "典子", "ノリコ", "노리코"),
    ("Emiko", "恵美子", "エミコ", "에미코"), ("Hiroko", "裕子", "ヒロコ", "히로코"),
    ("Michiko", "美智子", "ミチコ", "미치코"), ("Kazuko", "和子", "カズコ", "가즈코"),
    ("Yoshiko", "良子", "ヨシコ", "요시코"), ("Takako", "孝子", "タカコ", "다카코"),
    ("Setsuko", "節子", "セツコ", "세쓰코"), ("Mariko", "真理子", "マリコ", "마리코"),
)
JAPANESE_MALE: tuple[JapaneseName, ...] = (
    ("Hiroshi", "博", "ヒロシ", "히로시"), ("Takashi", "隆", "タカシ", "다카시"),
    ("Kenji", "健二", "ケンジ", "겐지"), ("Masao", "正夫", "マサオ", "마사오"),
    ("Shigeru", "茂", "シゲル", "시게루"), ("Isamu", "勇", "イサム", "이사무"),
    ("Osamu", "修", "オサム", "오사무"), ("Makoto", "誠", "マコト", "마코토"),
    ("Katsuo", "勝男", "カツオ", "가쓰오"), ("Noboru", "昇", "ノボル", "노보루"),
    ("Jirō", "次郎", "ジロウ", "지로"), ("Saburō", "三郎", "サブロウ", "사부로"),
)
#: Japanese aliases (tsūmei) used by Korean residents of Japan, by Korean surname.
ALIASES = {"김": ("Kaneda", "Kanemoto", "Kaneyama"), "이": ("Kunimoto", "Kinoshita"),
           "박": ("Arai", "Kimura"), "최": ("Takayama", "Yamamoto"), "정": ("Matsuda",),
           "": ("Ōyama", "Yasuda", "Aoki")}


def plain(text: str) -> str:
    """Drop macrons and accents: Satō -> Sato, Lefèvre -> Lefevre."""
    return "".join(c for c in unicodedata.normalize("NFD", text)
                   if not unicodedata.combining(c))


#: Japanese surname entries by their plain romanisation ("Sato").
JAPANESE_BY_PLAIN: dict[str, JapaneseName] = {plain(s[0]): s for s in JAPANESE_SURNAMES}


def japanese(ctx: Context, sex: str, surname: JapaneseName | None = None) -> Name:
    """A Japanese name: "Haruko Sato", with family-first, macron, kanji and kana variants."""
    family = surname or ctx.choice(JAPANESE_SURNAMES)
    given = ctx.choice(JAPANESE_FEMALE if sex == "female" else JAPANESE_MALE)
    plain_family, plain_given = plain(family[0]), plain(given[0])
    variants = [f"{plain_family} {plain_given}", f"{plain_family.upper()} {plain_given}",
                f"{family[0]} {given[0]}", family[1] + given[1], f"{family[2]} {given[2]}"]
    return Name(f"{plain_given} {plain_family}", f"{family[3]} {given[3]}",
                list(dict.fromkeys(variants)), plain_family)


def zainichi(ctx: Context, sex: str, birth_year: int) -> Name:
    """A Korean resident of Japan: a Korean name, sometimes with a Japanese alias."""
    name = korean(ctx, sex, birth_year)
    if ctx.chance(0.35):
        alias_family = ctx.choice(ALIASES.get(name.surname) or ALIASES[""])
        alias_given = ctx.choice(JAPANESE_FEMALE if sex == "female" else JAPANESE_MALE)
        name.variants.append(f"{plain(alias_family)} {plain(alias_given[0])}")
    return name


# --- Western and other ---------------------------------------------------------------
# nationality: (female given names, male given names, surnames)
WESTERN: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "LB": (("Siham", "Layla", "Rima", "Nadia", "Hana", "Mona", "Souad", "Amal"),
           ("Karim", "Fadi", "Samir", "Walid"),
           ("Haddad", "Khoury", "Nasser", "Saab", "Aoun", "Karam", "Farah", "Hakim")),
    "FR": (("Marie", "Claire", "Anne", "Sophie", "Catherine"),
           ("Jean", "Pierre", "Michel", "Philippe"),
           ("Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent")),
    "IT": (("Giulia", "Francesca", "Anna", "Lucia"), ("Marco", "Luca", "Giovanni", "Paolo"),
           ("Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Greco")),
    "NL": (("Anna", "Johanna", "Maria", "Sanne"), ("Pieter", "Willem", "Jan", "Hendrik"),
           ("de Vries", "Jansen", "Bakker", "Visser", "van Dijk", "Smit")),
    "TH": (("Suda", "Malee", "Anong", "Ratana"), ("Somchai", "Prasert", "Chaiwat"),
           ("Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee")),
    "RO": (("Elena", "Maria", "Ioana", "Mihaela"), ("Ion", "Andrei", "Mihai"),
           ("Popescu", "Ionescu", "Dumitru", "Stan", "Constantin")),
    "CN": (("Mei-ling", "Siu-fong", "Wai-man", "Lai-kuen"), ("Ka-ho", "Chi-keung"),
           ("Chan", "Wong", "Leung", "Lam", "Cheung")),
    "US": (("Mary", "Linda", "Susan"), ("David", "James", "Robert"),
           ("Smith", "Johnson", "Miller", "Brown")),
}
_FAMILY_FIRST = {"CN"}


def western(ctx: Context, nationality: str, sex: str, surname: str | None = None) -> Name:
    """A name for a non-Korean, non-Japanese person of ``nationality``."""
    female, male, surnames = WESTERN.get(nationality, WESTERN["US"])
    given = ctx.choice(female if sex == "female" else male)
    family = surname or ctx.choice(surnames)
    if nationality in _FAMILY_FIRST:
        name_en = f"{family} {given}"
        variants = [f"{family} {given.replace('-', ' ')}", f"{family.upper()} {given}",
                    f"{given} {family}"]
    else:
        name_en = f"{given} {family}"
        variants = [f"{family}, {given}", f"{family.upper()} {given}",
                    plain(name_en)]
    return Name(name_en, None, [v for v in dict.fromkeys(variants) if v != name_en], family)
