"""Romanisation of Hangul: decomposition, RR, McCune-Reischauer and name variants."""

import pytest

from loaders.romanize import (
    compose,
    decompose,
    is_hangul_syllable,
    name_variants,
    romanize_mr,
    romanize_name,
    romanize_rr,
    split_name,
    surname_forms,
)

# Known names: (Hangul, RR, MR with breves, spellings that must be among the variants)
KNOWN_NAMES = [
    ("김정일", "Gim Jeongil", "Kim Chŏng-il",
     ["Kim Jong-il", "Kim Jong Il", "Kim Jongil", "Gim Jeong-il", "Kim Chong-il"]),
    ("이순신", "I Sunsin", "Yi Sun-sin", ["Yi Sun-sin", "Lee Soon-shin", "I Sun-sin"]),
    ("박정희", "Bak Jeonghui", "Pak Chŏng-hŭi",
     ["Park Chung-hee", "Pak Chong-hui", "Bak Jeong-hui"]),
    ("최은희", "Choe Eunhui", "Ch'oe Ŭn-hŭi", ["Choi Eun-hee", "Choe Eun-hui", "Ch'oe Un-hui"]),
    ("김대중", "Gim Daejung", "Kim Tae-jung", ["Kim Dae-jung", "Kim Tae-jung"]),
    ("이명박", "I Myeongbak", "Yi Myŏng-bak", ["Lee Myung-bak"]),
    ("문재인", "Mun Jaein", "Mun Chae-in", ["Moon Jae-in"]),
    ("반기문", "Ban Gimun", "Pan Ki-mun", ["Ban Ki-moon"]),
    ("노무현", "No Muhyeon", "No Mu-hyŏn", ["Roh Moo-hyun"]),
    ("김영삼", "Gim Yeongsam", "Kim Yŏng-sam", ["Kim Young-sam"]),
    ("김일성", "Gim Ilseong", "Kim Il-sŏng", ["Kim Il-sung", "Kim Il Song"]),
    ("김정은", "Gim Jeongeun", "Kim Chŏng-ŭn", ["Kim Jong-un", "Kim Jong Un"]),
    ("전두환", "Jeon Duhwan", "Chŏn Tu-hwan", ["Chun Doo-hwan"]),
    ("노태우", "No Taeu", "No T'ae-u", ["Roh Tae-woo"]),
    ("장성택", "Jang Seongtaek", "Chang Sŏng-t'aek", ["Jang Song Thaek", "Jang Sung-taek"]),
    ("리설주", "Ri Seolju", "Ri Sŏl-ju", ["Ri Sol Ju", "Ri Sol-ju"]),
    ("최룡해", "Choe Ryonghae", "Ch'oe Ryong-hae", ["Choe Ryong Hae"]),
    ("한복남", "Han Boknam", "Han Pok-nam", ["Han Bok-nam"]),
]

# General text with boundary sound changes (RR, MR with breves).
KNOWN_WORDS = [
    ("서울", "Seoul", "Sŏul"),
    ("부산", "Busan", "Pusan"),
    ("평양", "Pyeongyang", "P'yŏngyang"),
    ("청진", "Cheongjin", "Ch'ŏngjin"),
    ("신의주", "Sinuiju", "Sinŭiju"),
    ("종로", "Jongno", "Chongno"),
    ("신라", "Silla", "Silla"),
    ("독립문", "Dongnimmun", "Tongnimmun"),
    ("왕십리", "Wangsimni", "Wangsimni"),
    ("백령도", "Baengnyeongdo", "Paengnyŏngdo"),
    ("연평도", "Yeonpyeongdo", "Yŏnp'yŏngdo"),
    ("강릉", "Gangneung", "Kangnŭng"),
    ("대관령", "Daegwallyeong", "Taegwallyŏng"),
    ("별내", "Byeollae", "Pyŏllae"),
    ("설악", "Seorak", "Sŏrak"),
    ("한국어", "Hangugeo", "Han'gugŏ"),
    ("한글", "Hangeul", "Han'gŭl"),
    ("해돋이", "Haedoji", "Haedoji"),
    ("같이", "Gachi", "Kach'i"),
    ("좋고", "Joko", "Chok'o"),
    ("묵호", "Mukho", "Mukho"),
    ("북한", "Bukhan", "Pukhan"),
    ("학교", "Hakgyo", "Hakkyo"),
    ("압구정", "Apgujeong", "Apkujŏng"),
    ("의정부", "Uijeongbu", "Ŭijŏngbu"),
    ("닭", "Dak", "Tak"),
]


def test_decompose_and_compose_round_trip():
    assert decompose("김") == ("ㄱ", "ㅣ", "ㅁ")
    assert decompose("이") == ("ㅇ", "ㅣ", "")
    assert decompose("닭") == ("ㄷ", "ㅏ", "ㄺ")
    for code in range(0xAC00, 0xD7A4, 97):
        char = chr(code)
        assert compose(*decompose(char)) == char


def test_is_hangul_syllable():
    assert is_hangul_syllable("한")
    assert not is_hangul_syllable("ㄱ")
    assert not is_hangul_syllable("a")
    assert not is_hangul_syllable("한글")
    with pytest.raises(ValueError):
        decompose("a")


def test_split_name():
    assert split_name("김정일") == ("김", "정일")
    assert split_name("남궁민수") == ("남궁", "민수")
    assert split_name("황보관") == ("황보", "관")
    assert split_name("김 정일") == ("김", "정일")
    assert split_name("김구") == ("김", "구")


@pytest.mark.parametrize(("hangul", "rr", "mr", "_variants"), KNOWN_NAMES)
def test_person_rr_and_mr(hangul, rr, mr, _variants):
    assert romanize_rr(hangul, person=True) == rr
    assert romanize_mr(hangul, breves=True, person=True) == mr
    plain = mr.replace("ŏ", "o").replace("ŭ", "u").replace("Ŏ", "O").replace("Ŭ", "U")
    assert romanize_mr(hangul, person=True) == plain


@pytest.mark.parametrize(("hangul", "_rr", "_mr", "expected"), KNOWN_NAMES)
def test_name_variants_cover_common_spellings(hangul, _rr, _mr, expected):
    surname, given = split_name(hangul)
    variants = name_variants(surname, given)
    for spelling in expected:
        assert spelling in variants
    assert romanize_rr(hangul, person=True) in variants
    assert romanize_mr(hangul, breves=True, person=True) in variants
    assert len(variants) == len(set(variants))


def test_name_variants_first_is_popular_and_order_is_stable():
    assert name_variants("최", "은희")[0] == "Choi Eun-hee"
    assert name_variants("문", "재인")[0] == "Moon Jae-in"
    assert name_variants("김", "정일") == name_variants("김", "정일")


def test_rr_hyphen_and_styles():
    assert romanize_rr("김정일", person=True, hyphen=True) == "Gim Jeong-il"
    assert romanize_name("김", "정일", "rr", style="spaced") == "Gim Jeong Il"
    assert romanize_name("김", "정일", "dprk", style="spaced") == "Kim Jong Il"
    assert romanize_name("김", "정일", "dprk", style="hyphen") == "Kim Jong-il"
    assert romanize_name("김", "정일", "mr", breves=False) == "Kim Chong-il"
    assert romanize_name("최", "은희", "mr", breves=False, apostrophes=False) == "Choe Un-hui"
    assert romanize_name("최", "은희", "popular", style="hyphen") == "Choi Eun-hee"
    with pytest.raises(ValueError):
        romanize_name("김", "정일", "wade-giles")


def test_rr_names_do_not_assimilate():
    # RR rule for personal names: no sound change between given-name syllables.
    assert romanize_rr("홍빛나", person=True) == "Hong Bitna"
    assert romanize_rr("김복남", person=True) == "Gim Boknam"


@pytest.mark.parametrize(("hangul", "rr", "mr"), KNOWN_WORDS)
def test_general_text(hangul, rr, mr):
    assert romanize_rr(hangul) == rr
    assert romanize_mr(hangul, breves=True) == mr


def test_text_with_spaces_and_other_characters():
    assert romanize_rr("서울 종로구") == "Seoul Jongnogu"
    assert romanize_rr("제15호 관리소") == "Je15ho Gwalliso"
    assert romanize_rr("서울", capitalize=False) == "seoul"
    assert romanize_mr("평양", apostrophes=False) == "Pyongyang"


def test_surname_forms():
    assert surname_forms("이")[:2] == ("Lee", "Yi")
    assert "Ri" in surname_forms("이")
    assert surname_forms("박")[0] == "Park"
    assert "Pak" in surname_forms("박")
    assert surname_forms("리")[0] == "Ri"
    assert "Ch'oe" in surname_forms("최")
    # A surname without a conventional entry still gets systematic forms.
    assert surname_forms("빈")[0] == "Bin"


def test_western_order_is_a_variant():
    assert "Eun-hee Choi" in name_variants("최", "은희")
    assert "Jong-il Kim" in name_variants("김", "정일")
    assert len(name_variants("하", "옥")) >= 2


def test_name_without_given_name():
    assert name_variants("김", "") == list(surname_forms("김"))
