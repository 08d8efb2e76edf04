"""Reference locations: countries, provinces, cities, facilities and sites.

Why real places: maps and "where were they taken / last seen" charts only
look like the real problem if the points are where such things happened:
Seoul districts in 1950, fishing grounds off Baengnyeong-do and Geojin, the
Japanese coast at Kashiwazaki and Obama, China's border cities, the DPRK's
kwanliso and kyohwaso. Coordinates are approximate (WGS-84 degrees, about
0.05 degree); the set is fixed and does not grow with the scale of a run.
"""

from __future__ import annotations

from loaders.synthetic.context import rel

# (uid, name_en, name_ko, location_kind, facility_type, lat, lon, parent uid)
Place = tuple[str, str, str, str, str | None, float, float, str | None]

_C, _P, _CO, _CI, _F, _S = "country", "province", "county", "city", "facility", "site"

PLACES: tuple[Place, ...] = (
    # countries
    ("loc-kp", "Democratic People's Republic of Korea", "조선민주주의인민공화국", _C, None,
     40.0, 127.0, None),
    ("loc-kr", "Republic of Korea", "대한민국", _C, None, 36.5, 127.8, None),
    ("loc-jp", "Japan", "일본", _C, None, 36.2, 138.25, None),
    ("loc-cn", "China", "중국", _C, None, 35.86, 104.2, None),
    ("loc-lb", "Lebanon", "레바논", _C, None, 33.85, 35.86, None),
    ("loc-fr", "France", "프랑스", _C, None, 46.6, 2.2, None),
    ("loc-it", "Italy", "이탈리아", _C, None, 42.8, 12.6, None),
    ("loc-nl", "Netherlands", "네덜란드", _C, None, 52.13, 5.29, None),
    ("loc-th", "Thailand", "태국", _C, None, 15.87, 100.99, None),
    ("loc-ro", "Romania", "루마니아", _C, None, 45.94, 24.97, None),
    ("loc-es", "Spain", "스페인", _C, None, 40.46, -3.75, None),
    ("loc-dk", "Denmark", "덴마크", _C, None, 56.26, 9.5, None),
    # DPRK provinces
    ("loc-kp-north-hamgyong", "North Hamgyong Province", "함경북도", _P, None, 41.8, 129.3,
     "loc-kp"),
    ("loc-kp-south-hamgyong", "South Hamgyong Province", "함경남도", _P, None, 40.2, 127.9,
     "loc-kp"),
    ("loc-kp-ryanggang", "Ryanggang Province", "량강도", _P, None, 41.3, 128.3, "loc-kp"),
    ("loc-kp-chagang", "Chagang Province", "자강도", _P, None, 40.8, 126.4, "loc-kp"),
    ("loc-kp-north-pyongan", "North Pyongan Province", "평안북도", _P, None, 40.0, 125.0,
     "loc-kp"),
    ("loc-kp-south-pyongan", "South Pyongan Province", "평안남도", _P, None, 39.4, 125.9,
     "loc-kp"),
    ("loc-kp-north-hwanghae", "North Hwanghae Province", "황해북도", _P, None, 38.5, 126.3,
     "loc-kp"),
    ("loc-kp-south-hwanghae", "South Hwanghae Province", "황해남도", _P, None, 38.2, 125.3,
     "loc-kp"),
    ("loc-kp-kangwon", "Kangwon Province (DPRK)", "강원도 (북한)", _P, None, 38.8, 127.5, "loc-kp"),
    # DPRK cities and counties
    ("loc-kp-pyongyang", "Pyongyang", "평양", _CI, None, 39.0392, 125.7625, "loc-kp"),
    ("loc-kp-kangdong", "Kangdong County", "강동군", _CO, None, 39.14, 126.10, "loc-kp-pyongyang"),
    ("loc-kp-chongjin", "Chongjin", "청진", _CI, None, 41.7956, 129.7758, "loc-kp-north-hamgyong"),
    ("loc-kp-hoeryong", "Hoeryong", "회령", _CI, None, 42.4428, 129.7508, "loc-kp-north-hamgyong"),
    ("loc-kp-onsong", "Onsong County", "온성군", _CO, None, 42.9569, 129.9933,
     "loc-kp-north-hamgyong"),
    ("loc-kp-musan", "Musan County", "무산군", _CO, None, 42.2306, 129.2136,
     "loc-kp-north-hamgyong"),
    ("loc-kp-hwasong", "Hwasong County", "화성군", _CO, None, 41.05, 129.45,
     "loc-kp-north-hamgyong"),
    ("loc-kp-kimchaek", "Kimchaek", "김책", _CI, None, 40.6723, 129.2033, "loc-kp-north-hamgyong"),
    ("loc-kp-hamhung", "Hamhung", "함흥", _CI, None, 39.9183, 127.5364, "loc-kp-south-hamgyong"),
    ("loc-kp-tanchon", "Tanchon", "단천", _CI, None, 40.458, 128.911, "loc-kp-south-hamgyong"),
    ("loc-kp-yodok", "Yodok County", "요덕군", _CO, None, 39.75, 126.95, "loc-kp-south-hamgyong"),
    ("loc-kp-hyesan", "Hyesan", "혜산", _CI, None, 41.4017, 128.1775, "loc-kp-ryanggang"),
    ("loc-kp-kanggye", "Kanggye", "강계", _CI, None, 40.9692, 126.5856, "loc-kp-chagang"),
    ("loc-kp-manpo", "Manpo", "만포", _CI, None, 41.1453, 126.295, "loc-kp-chagang"),
    ("loc-kp-sinuiju", "Sinuiju", "신의주", _CI, None, 40.1006, 124.3981, "loc-kp-north-pyongan"),
    ("loc-kp-pyoktong", "Pyoktong County", "벽동군", _CO, None, 40.61, 125.44,
     "loc-kp-north-pyongan"),
    ("loc-kp-changsong", "Changsong County", "창성군", _CO, None, 40.43, 125.23,
     "loc-kp-north-pyongan"),
    ("loc-kp-kaechon", "Kaechon", "개천", _CI, None, 39.6986, 125.9061, "loc-kp-south-pyongan"),
    ("loc-kp-pukchang", "Pukchang County", "북창군", _CO, None, 39.53, 126.15,
     "loc-kp-south-pyongan"),
    ("loc-kp-pyongsong", "Pyongsong", "평성", _CI, None, 39.2464, 125.8719, "loc-kp-south-pyongan"),
    ("loc-kp-nampo", "Nampo", "남포", _CI, None, 38.7375, 125.3781, "loc-kp-south-pyongan"),
    ("loc-kp-sariwon", "Sariwon", "사리원", _CI, None, 38.5072, 125.7558, "loc-kp-north-hwanghae"),
    ("loc-kp-kaesong", "Kaesong", "개성", _CI, None, 37.9708, 126.5544, "loc-kp-north-hwanghae"),
    ("loc-kp-haeju", "Haeju", "해주", _CI, None, 38.0406, 125.7147, "loc-kp-south-hwanghae"),
    ("loc-kp-wonsan", "Wonsan", "원산", _CI, None, 39.1528, 127.4439, "loc-kp-kangwon"),
    ("loc-kp-kumsong", "Kumsong", "금성", _S, None, 38.43, 127.58, "loc-kp-kangwon"),
    # DPRK facilities
    ("loc-fac-kwanliso-14", "Kwanliso No. 14 (Kaechon)", "제14호 관리소 (개천)", _F,
     "political_prison_camp", 39.565, 126.05, "loc-kp-kaechon"),
    ("loc-fac-kwanliso-15", "Kwanliso No. 15 (Yodok)", "제15호 관리소 (요덕)", _F,
     "political_prison_camp", 39.83, 126.83, "loc-kp-yodok"),
    ("loc-fac-kwanliso-16", "Kwanliso No. 16 (Hwasong)", "제16호 관리소 (화성)", _F,
     "political_prison_camp", 41.23, 129.48, "loc-kp-hwasong"),
    ("loc-fac-kwanliso-25", "Kwanliso No. 25 (Chongjin)", "제25호 관리소 (청진)", _F,
     "political_prison_camp", 41.84, 129.72, "loc-kp-chongjin"),
    ("loc-fac-kwanliso-18", "Kwanliso No. 18 (Pukchang)", "제18호 관리소 (북창)", _F,
     "political_prison_camp", 39.55, 126.13, "loc-kp-pukchang"),
    ("loc-fac-kyohwaso-1", "Kyohwaso No. 1 (Kaechon)", "제1호 교화소 (개천)", _F,
     "reeducation_camp", 39.70, 125.89, "loc-kp-kaechon"),
    ("loc-fac-kyohwaso-12", "Kyohwaso No. 12 (Jongori)", "제12호 교화소 (전거리)", _F,
     "reeducation_camp", 42.47, 129.62, "loc-kp-hoeryong"),
    ("loc-fac-kyohwaso-4", "Kyohwaso No. 4 (Kangdong)", "제4호 교화소 (강동)", _F,
     "reeducation_camp", 39.15, 126.11, "loc-kp-kangdong"),
    ("loc-fac-kyohwaso-77", "Kyohwaso No. 77 (Tanchon)", "제77호 교화소 (단천)", _F,
     "reeducation_camp", 40.45, 128.90, "loc-kp-tanchon"),
    ("loc-fac-onsong-holding", "Onsong holding centre", "온성 집결소", _F, "holding_centre",
     42.955, 129.985, "loc-kp-onsong"),
    ("loc-fac-nongpo-holding", "Nongpo holding centre (Chongjin)", "농포 집결소 (청진)", _F,
     "holding_centre", 41.78, 129.71, "loc-kp-chongjin"),
    ("loc-fac-hyesan-holding", "Hyesan holding centre", "혜산 집결소", _F, "holding_centre",
     41.395, 128.19, "loc-kp-hyesan"),
    ("loc-fac-musan-mss", "Musan County MSS detention centre", "무산군 보위부 구류장", _F,
     "detention_centre", 42.23, 129.21, "loc-kp-musan"),
    ("loc-fac-hoeryong-mss", "Hoeryong City MSS detention centre", "회령시 보위부 구류장", _F,
     "detention_centre", 42.44, 129.75, "loc-kp-hoeryong"),
    ("loc-fac-onsong-mss", "Onsong County MSS detention centre", "온성군 보위부 구류장", _F,
     "detention_centre", 42.96, 129.99, "loc-kp-onsong"),
    ("loc-fac-sinuiju-mss", "Sinuiju MSS detention centre", "신의주 보위부 구류장", _F,
     "detention_centre", 40.10, 124.40, "loc-kp-sinuiju"),
    ("loc-fac-hyesan-mss", "Hyesan MSS detention centre", "혜산 보위부 구류장", _F,
     "detention_centre", 41.40, 128.18, "loc-kp-hyesan"),
    ("loc-fac-pyongyang-mss", "MSS pre-trial detention centre (Pyongyang)",
     "국가보위성 예심 구류장 (평양)", _F, "detention_centre", 39.03, 125.75, "loc-kp-pyongyang"),
    ("loc-fac-chongjin-labour", "Chongjin labour training camp", "청진 노동단련대", _F,
     "labour_camp", 41.80, 129.76, "loc-kp-chongjin"),
    ("loc-fac-pow-camp-5", "POW Camp No. 5 (Pyoktong)", "제5포로수용소 (벽동)", _F, "pow_camp",
     40.62, 125.43, "loc-kp-pyoktong"),
    ("loc-fac-pow-camp-1", "POW Camp No. 1 (Changsong)", "제1포로수용소 (창성)", _F, "pow_camp",
     40.43, 125.22, "loc-kp-changsong"),
    ("loc-fac-pow-kangdong", "Kangdong POW camp", "강동 포로수용소", _F, "pow_camp",
     39.13, 126.09, "loc-kp-kangdong"),
    ("loc-fac-aoji-mine", "Aoji coal mine", "아오지 탄광", _F, "other", 42.52, 130.38,
     "loc-kp-north-hamgyong"),
    ("loc-fac-komdok-mine", "Komdok mine", "검덕 광산", _F, "other", 40.88, 128.83,
     "loc-kp-south-hamgyong"),
    # ROK
    ("loc-kr-seoul", "Seoul", "서울", _CI, None, 37.5665, 126.978, "loc-kr"),
    ("loc-kr-seoul-jongno", "Jongno-gu, Seoul", "서울 종로구", _CO, None, 37.573, 126.9794,
     "loc-kr-seoul"),
    ("loc-kr-seoul-jung", "Jung-gu, Seoul", "서울 중구", _CO, None, 37.5641, 126.9979,
     "loc-kr-seoul"),
    ("loc-kr-seoul-seodaemun", "Seodaemun-gu, Seoul", "서울 서대문구", _CO, None, 37.5791,
     126.9368, "loc-kr-seoul"),
    ("loc-kr-seoul-mapo", "Mapo-gu, Seoul", "서울 마포구", _CO, None, 37.5663, 126.9019,
     "loc-kr-seoul"),
    ("loc-kr-seoul-yongsan", "Yongsan-gu, Seoul", "서울 용산구", _CO, None, 37.5326, 126.9905,
     "loc-kr-seoul"),
    ("loc-kr-seoul-seongbuk", "Seongbuk-gu, Seoul", "서울 성북구", _CO, None, 37.5894, 127.0167,
     "loc-kr-seoul"),
    ("loc-kr-seoul-dongdaemun", "Dongdaemun-gu, Seoul", "서울 동대문구", _CO, None, 37.5744,
     127.0396, "loc-kr-seoul"),
    ("loc-kr-seoul-yeongdeungpo", "Yeongdeungpo-gu, Seoul", "서울 영등포구", _CO, None, 37.5264,
     126.8962, "loc-kr-seoul"),
    ("loc-kr-seoul-eunpyeong", "Eunpyeong-gu, Seoul", "서울 은평구", _CO, None, 37.6027,
     126.9291, "loc-kr-seoul"),
    ("loc-kr-seoul-seongdong", "Seongdong-gu, Seoul", "서울 성동구", _CO, None, 37.5634,
     127.0369, "loc-kr-seoul"),
    ("loc-kr-seodaemun-prison", "Seodaemun Prison", "서대문형무소", _F, "detention_centre",
     37.5744, 126.956, "loc-kr-seoul-seodaemun"),
    ("loc-kr-gyeonggi", "Gyeonggi Province", "경기도", _P, None, 37.41, 127.52, "loc-kr"),
    ("loc-kr-suwon", "Suwon", "수원", _CI, None, 37.2636, 127.0286, "loc-kr-gyeonggi"),
    ("loc-kr-paju", "Paju", "파주", _CI, None, 37.7599, 126.78, "loc-kr-gyeonggi"),
    ("loc-kr-gimpo", "Gimpo", "김포", _CI, None, 37.6153, 126.7156, "loc-kr-gyeonggi"),
    ("loc-kr-yeoncheon", "Yeoncheon County", "연천군", _CO, None, 38.0966, 127.0748,
     "loc-kr-gyeonggi"),
    ("loc-kr-incheon", "Incheon", "인천", _CI, None, 37.4563, 126.7052, "loc-kr"),
    ("loc-kr-ganghwa", "Ganghwa-do", "강화도", _S, None, 37.747, 126.487, "loc-kr-incheon"),
    ("loc-kr-baengnyeong", "Baengnyeong-do", "백령도", _S, None, 37.9667, 124.6667,
     "loc-kr-incheon"),
    ("loc-kr-daecheong", "Daecheong-do", "대청도", _S, None, 37.828, 124.719, "loc-kr-incheon"),
    ("loc-kr-yeonpyeong", "Yeonpyeong-do", "연평도", _S, None, 37.6667, 125.7, "loc-kr-incheon"),
    ("loc-kr-west-sea-nll", "West Sea fishing grounds near the NLL", "서해 북방한계선 인근 어장",
     _S, None, 37.75, 125.1, "loc-kr"),
    ("loc-kr-gangwon", "Gangwon Province", "강원도", _P, None, 37.82, 128.16, "loc-kr"),
    ("loc-kr-chuncheon", "Chuncheon", "춘천", _CI, None, 37.8813, 127.7298, "loc-kr-gangwon"),
    ("loc-kr-cheorwon", "Cheorwon County", "철원군", _CO, None, 38.1467, 127.3133,
     "loc-kr-gangwon"),
    ("loc-kr-baengma-goji", "White Horse Hill (Baengma-goji)", "백마고지", _S, None, 38.26,
     127.25, "loc-kr-cheorwon"),
    ("loc-kr-gimhwa", "Gimhwa", "김화", _S, None, 38.24, 127.44, "loc-kr-cheorwon"),
    ("loc-kr-yanggu", "Yanggu County", "양구군", _CO, None, 38.11, 127.99, "loc-kr-gangwon"),
    ("loc-kr-inje", "Inje County", "인제군", _CO, None, 38.0697, 128.1703, "loc-kr-gangwon"),
    ("loc-kr-goseong", "Goseong County", "고성군", _CO, None, 38.3806, 128.4678,
     "loc-kr-gangwon"),
    ("loc-kr-geojin", "Geojin port", "거진항", _S, None, 38.446, 128.457, "loc-kr-goseong"),
    ("loc-kr-east-sea-geojin", "East Sea fishing grounds off Geojin", "동해 거진 앞바다 어장", _S,
     None, 38.6, 128.65, "loc-kr"),
    ("loc-kr-sokcho", "Sokcho", "속초", _CI, None, 38.207, 128.5918, "loc-kr-gangwon"),
    ("loc-kr-gangneung", "Gangneung", "강릉", _CI, None, 37.7519, 128.8761, "loc-kr-gangwon"),
    ("loc-kr-jumunjin", "Jumunjin port", "주문진항", _S, None, 37.8937, 128.829,
     "loc-kr-gangneung"),
    ("loc-kr-daejeon", "Daejeon", "대전", _CI, None, 36.3504, 127.3845, "loc-kr"),
    ("loc-kr-gunsan", "Gunsan", "군산", _CI, None, 35.9676, 126.7366, "loc-kr"),
    ("loc-kr-seonyudo", "Seonyu-do", "선유도", _S, None, 35.81, 126.41, "loc-kr-gunsan"),
    ("loc-kr-hongdo", "Hongdo", "홍도", _S, None, 34.683, 125.195, "loc-kr"),
    # Japan
    ("loc-jp-niigata", "Niigata", "니가타", _CI, None, 37.9161, 139.0364, "loc-jp"),
    ("loc-jp-niigata-port", "Niigata Port", "니가타항", _S, None, 37.928, 139.058,
     "loc-jp-niigata"),
    ("loc-jp-kashiwazaki", "Kashiwazaki", "가시와자키", _S, None, 37.3719, 138.5589, "loc-jp"),
    ("loc-jp-sado", "Sado Island", "사도섬", _S, None, 38.02, 138.37, "loc-jp"),
    ("loc-jp-obama", "Obama, Fukui", "오바마 (후쿠이)", _S, None, 35.4956, 135.7467, "loc-jp"),
    ("loc-jp-yonago", "Yonago", "요나고", _S, None, 35.428, 133.331, "loc-jp"),
    ("loc-jp-ushitsu", "Ushitsu, Noto Peninsula", "우시쓰 (노토반도)", _S, None, 37.3, 137.15,
     "loc-jp"),
    ("loc-jp-fukiage", "Fukiage beach, Kagoshima", "후키아게 해변 (가고시마)", _S, None, 31.55,
     130.33, "loc-jp"),
    ("loc-jp-tokyo", "Tokyo", "도쿄", _CI, None, 35.6762, 139.6503, "loc-jp"),
    ("loc-jp-osaka", "Osaka", "오사카", _CI, None, 34.6937, 135.5023, "loc-jp"),
    ("loc-jp-kobe", "Kobe", "고베", _CI, None, 34.6901, 135.1955, "loc-jp"),
    ("loc-jp-kawasaki", "Kawasaki", "가와사키", _CI, None, 35.5308, 139.7029, "loc-jp"),
    ("loc-jp-yokohama", "Yokohama", "요코하마", _CI, None, 35.4437, 139.638, "loc-jp"),
    ("loc-jp-kyoto", "Kyoto", "교토", _CI, None, 35.0116, 135.7681, "loc-jp"),
    ("loc-jp-nagoya", "Nagoya", "나고야", _CI, None, 35.1815, 136.9066, "loc-jp"),
    ("loc-jp-fukuoka", "Fukuoka", "후쿠오카", _CI, None, 33.5904, 130.4017, "loc-jp"),
    ("loc-jp-hiroshima", "Hiroshima", "히로시마", _CI, None, 34.3853, 132.4553, "loc-jp"),
    ("loc-jp-shimonoseki", "Shimonoseki", "시모노세키", _CI, None, 33.9578, 130.9414, "loc-jp"),
    # elsewhere
    ("loc-es-madrid", "Madrid", "마드리드", _CI, None, 40.4168, -3.7038, "loc-es"),
    ("loc-dk-copenhagen", "Copenhagen", "코펜하겐", _CI, None, 55.6761, 12.5683, "loc-dk"),
    ("loc-lb-beirut", "Beirut", "베이루트", _CI, None, 33.8938, 35.5018, "loc-lb"),
    ("loc-it-rome", "Rome", "로마", _CI, None, 41.9028, 12.4964, "loc-it"),
    ("loc-fr-paris", "Paris", "파리", _CI, None, 48.8566, 2.3522, "loc-fr"),
    ("loc-nl-amsterdam", "Amsterdam", "암스테르담", _CI, None, 52.3676, 4.9041, "loc-nl"),
    ("loc-th-bangkok", "Bangkok", "방콕", _CI, None, 13.7563, 100.5018, "loc-th"),
    ("loc-ro-bucharest", "Bucharest", "부쿠레슈티", _CI, None, 44.4268, 26.1025, "loc-ro"),
    ("loc-cn-macau", "Macau", "마카오", _CI, None, 22.1987, 113.5439, "loc-cn"),
    # China
    ("loc-cn-liaoning", "Liaoning Province", "랴오닝성", _P, None, 41.3, 122.6, "loc-cn"),
    ("loc-cn-jilin", "Jilin Province", "지린성", _P, None, 43.7, 126.2, "loc-cn"),
    ("loc-cn-beijing", "Beijing", "베이징", _CI, None, 39.9042, 116.4074, "loc-cn"),
    ("loc-cn-shenyang", "Shenyang", "선양", _CI, None, 41.8057, 123.4315, "loc-cn-liaoning"),
    ("loc-cn-dandong", "Dandong", "단둥", _CI, None, 40.1292, 124.3947, "loc-cn-liaoning"),
    ("loc-cn-tumen", "Tumen", "투먼", _CI, None, 42.9667, 129.85, "loc-cn-jilin"),
    ("loc-cn-tumen-detention", "Tumen border detention centre", "투먼 변방 구류소", _F,
     "detention_centre", 42.962, 129.842, "loc-cn-tumen"),
    ("loc-cn-yanji", "Yanji", "옌지", _CI, None, 42.9047, 129.5136, "loc-cn-jilin"),
    ("loc-cn-changbai", "Changbai", "창바이", _CO, None, 41.42, 128.2, "loc-cn-jilin"),
    ("loc-cn-helong", "Helong", "허룽", _CI, None, 42.5467, 129.0081, "loc-cn-jilin"),
    ("loc-cn-longjing", "Longjing", "룽징", _CI, None, 42.7714, 129.4236, "loc-cn-jilin"),
    ("loc-cn-hunchun", "Hunchun", "훈춘", _CI, None, 42.8679, 130.3576, "loc-cn-jilin"),
)

#: name_en and name_ko of each place, by uid.
NAMES: dict[str, tuple[str, str]] = {p[0]: (p[1], p[2]) for p in PLACES}
#: The parent of each place (None for countries).
PARENT: dict[str, str | None] = {p[0]: p[7] for p in PLACES}


def province_of(uid: str) -> str | None:
    """The DPRK province (or Pyongyang) a place lies in, walking up the hierarchy."""
    current: str | None = uid
    while current is not None:
        if current.startswith("loc-kp-") and PARENT[current] == "loc-kp":
            return current
        current = PARENT[current]
    return None


def location_records(source_uid: str) -> list[dict]:
    """Location nodes and their WITHIN hierarchy, citing the gazetteer ``source_uid``."""
    records: list[dict] = []
    for uid, name_en, name_ko, kind, facility_type, lat, lon, _parent in PLACES:
        record = {"record": "Location", "uid": uid, "name_en": name_en, "name_ko": name_ko,
                  "kind": kind}
        if facility_type:
            record["facility_type"] = facility_type
        record.update({"lat": lat, "lon": lon, "synthetic": True})
        records.append(record)
    for uid, *_rest, parent in PLACES:
        if parent:
            records.append(rel("WITHIN", uid, parent, [source_uid]))
        else:
            records.append(rel("SUPPORTS", source_uid, uid))
    return records
