"""Every string of the explorer's interface, in English and Korean, in one catalogue.

Why one catalogue: a page must never show a half-translated interface, and a
test can then check that every key has both languages and that every key a
template or a view asks for exists. What names the domain is not here but in the
model's one definition (graph/model): the labels of fields (``field.<name>``), of
record types and roles (``kind.<Type>``) and of relationships (``rel.<TYPE>``,
``rel.<TYPE>.out``, ``rel.<TYPE>.in``), and the vocabularies' labels; :func:`t`
answers those keys from there. Placeholders are ``str.format`` fields (``{n}``).
"""

from __future__ import annotations

LANGS = ("en", "ko")

MESSAGES: dict[str, dict[str, str]] = {
    # site, navigation, footer
    "site.title": {"en": "Footprints Graph", "ko": "풋프린츠 그래프"},
    "site.tagline": {"en": "Arbitrary detention, abduction and enforced disappearance by North Korea",
                     "ko": "북한에 의한 자의적 구금·납치·강제실종 기록"},
    "nav.skip": {"en": "Skip to content", "ko": "본문 바로가기"},
    "nav.menu": {"en": "Menu", "ko": "메뉴"},
    "nav.main": {"en": "Main navigation", "ko": "주 메뉴"},
    "nav.dashboard": {"en": "Dashboard", "ko": "현황"},
    "nav.search": {"en": "Search", "ko": "검색"},
    "nav.browse": {"en": "Browse", "ko": "목록"},
    "nav.map": {"en": "Map", "ko": "지도"},
    "nav.network": {"en": "Network", "ko": "관계망"},
    "nav.console": {"en": "Cypher console", "ko": "Cypher 콘솔"},
    "nav.downloads": {"en": "Downloads", "ko": "내려받기"},
    "nav.about": {"en": "About", "ko": "소개"},
    "lang.switch": {"en": "Language", "ko": "언어"},
    "lang.en": {"en": "English", "ko": "English"},
    "lang.ko": {"en": "한국어", "ko": "한국어"},
    "footer.public_only": {
        "en": "Everything on these pages comes from the public graph: only people and facts "
              "cleared for publication by consent, source terms and editorial review.",
        "ko": "이 페이지의 모든 내용은 공개 그래프에서 옵니다. 동의, 출처 이용 조건, 편집자 검토를 "
              "거쳐 공개가 허용된 사람과 사실만 담겨 있습니다."},
    "footer.synthetic": {
        "en": "Demonstration data is synthetic: records marked “synthetic” describe no real person.",
        "ko": "시연용 데이터는 합성 데이터입니다. ‘합성’ 표시가 있는 기록은 실제 인물이 아닙니다."},
    "footer.more": {"en": "About the data", "ko": "데이터 소개"},
    "footer.api": {"en": "Public API (OpenAPI)", "ko": "공개 API (OpenAPI)"},
    # common words
    "common.yes": {"en": "Yes", "ko": "예"},
    "common.no": {"en": "No", "ko": "아니요"},
    "common.previous": {"en": "Previous", "ko": "이전"},
    "common.next": {"en": "Next", "ko": "다음"},
    "common.page_of": {"en": "Page {page} of {last}", "ko": "{last}쪽 중 {page}쪽"},
    "common.synthetic": {"en": "synthetic", "ko": "합성"},
    "error.404.title": {"en": "Not found", "ko": "찾을 수 없음"},
    "error.404.text": {
        "en": "There is no public page here. The record may not exist, or it is not public.",
        "ko": "공개된 페이지가 없습니다. 기록이 없거나 공개되지 않은 기록입니다."},
    # kinds of record
    # dashboard
    "dash.title": {"en": "Dashboard", "ko": "현황"},
    "dash.intro": {
        "en": "Published cases of arbitrary detention, abduction and enforced disappearance by "
              "North Korea, counted on the public graph. Every chart is also a table, a CSV file "
              "and an SVG image.",
        "ko": "공개 그래프에서 집계한 북한의 자의적 구금·납치·강제실종 공개 사례입니다. 모든 "
              "도표는 표, CSV 파일, SVG 이미지로도 제공됩니다."},
    "dash.totals": {"en": "Totals", "ko": "합계"},
    "dash.published": {"en": "Published {when} (generation {generation}).",
                       "ko": "{when} 공개 (세대 {generation})."},
    "totals.victims": {"en": "Victims", "ko": "피해자"},
    "totals.officials": {"en": "Officials", "ko": "가해 관련자"},
    "totals.perpetrators": {"en": "Perpetrator bodies", "ko": "가해 기관"},
    "totals.locations": {"en": "Places", "ko": "장소"},
    "totals.events": {"en": "Events", "ko": "사건"},
    "totals.proceedings": {"en": "Proceedings", "ko": "구제 절차"},
    "totals.instruments": {"en": "Instruments", "ko": "국제 규범"},
    "totals.resources": {"en": "North Korean laws", "ko": "북한 법·문헌"},
    "totals.sources": {"en": "Sources", "ko": "출처"},
    "totals.organizations": {"en": "Organisations", "ko": "기관"},
    "held.title": {"en": "Held confidentially", "ko": "비공개 보관 중인 사례"},
    "held.text": {
        "en": " more victims are documented but not published: they, or their families, have not "
              "consented to publication, or publishing them would put someone at risk.",
        "ko": "명의 피해자가 더 기록되어 있으나 공개되지 않았습니다. 본인이나 가족이 공개에 "
              "동의하지 않았거나, 공개하면 누군가가 위험해질 수 있기 때문입니다."},
    "held.text_suppressed": {
        "en": "Fewer than {threshold} more victims are documented but not published.",
        "ko": "공개되지 않은 피해자가 {threshold}명 미만 더 기록되어 있습니다."},
    "held.note": {
        "en": "These counts never break down below {threshold} people: if any category holds "
              "fewer, no category is shown, so that no one can be singled out and no hidden "
              "figure can be worked out from the others.",
        "ko": "이 수치는 {threshold}명 미만으로 나누어 보여주지 않습니다. 어느 한 유형이라도 "
              "{threshold}명 미만이면, 특정인을 추정하거나 다른 수치로부터 숨긴 수치를 계산해 낼 "
              "수 없도록 모든 유형을 비공개로 합니다."},
    "held.suppressed_cell": {"en": "suppressed", "ko": "비공개"},
    "held.not_by_category": {
        "en": "Not shown by category: at least one category is too small to show safely.",
        "ko": "유형별로 보여주지 않습니다. 안전하게 보여주기에는 너무 작은 유형이 있습니다."},
    "chart.count": {"en": "Number", "ko": "수"},
    "chart.share": {"en": "Share", "ko": "비율"},
    "chart.csv.key": {"en": "key", "ko": "코드"},
    "chart.show_table": {"en": "Show as a table", "ko": "표로 보기"},
    "chart.download_csv": {"en": "Download CSV", "ko": "CSV 내려받기"},
    "chart.download_svg": {"en": "Download SVG image", "ko": "SVG 이미지 내려받기"},
    "chart.no_data": {"en": "No data", "ko": "자료 없음"},
    "chart.victims_by_year": {"en": "Victims by year of first event", "ko": "첫 피해 연도별 피해자"},
    "chart.victims_by_year.desc": {
        "en": "Bar chart: the number of published victims by the year of their first recorded event.",
        "ko": "막대 도표: 공개된 피해자 수를 처음 기록된 피해 사건의 연도별로 나타냅니다."},
    "chart.victims_by_year.key": {"en": "Year", "ko": "연도"},
    "chart.victims_by_category": {"en": "Victims by category", "ko": "유형별 피해자"},
    "chart.victims_by_category.desc": {
        "en": "Bar chart: published victims by victim category.",
        "ko": "막대 도표: 공개된 피해자를 피해 유형별로 나타냅니다."},
    "chart.victims_by_category.key": {"en": "Category", "ko": "유형"},
    "chart.victims_by_sex": {"en": "Victims by sex", "ko": "성별 피해자"},
    "chart.victims_by_sex.desc": {"en": "Pie chart: published victims by sex.",
                                  "ko": "원 도표: 공개된 피해자를 성별로 나타냅니다."},
    "chart.victims_by_sex.key": {"en": "Sex", "ko": "성별"},
    "chart.victims_by_age_group": {"en": "Victims by age group", "ko": "연령대별 피해자"},
    "chart.victims_by_age_group.desc": {
        "en": "Pie chart: published victims by age group at the time of the first event.",
        "ko": "원 도표: 공개된 피해자를 첫 피해 당시 연령대별로 나타냅니다."},
    "chart.victims_by_age_group.key": {"en": "Age group", "ko": "연령대"},
    "chart.victims_by_occupation": {"en": "Victims by occupation", "ko": "직업별 피해자"},
    "chart.victims_by_occupation.desc": {"en": "Bar chart: published victims by occupation.",
                                         "ko": "막대 도표: 공개된 피해자를 직업별로 나타냅니다."},
    "chart.victims_by_occupation.key": {"en": "Occupation", "ko": "직업"},
    "chart.victims_by_status": {"en": "Victims by current status", "ko": "현재 상태별 피해자"},
    "chart.victims_by_status.desc": {"en": "Pie chart: published victims by current status.",
                                     "ko": "원 도표: 공개된 피해자를 현재 상태별로 나타냅니다."},
    "chart.victims_by_status.key": {"en": "Status", "ko": "상태"},
    "chart.victims_by_perpetrator": {"en": "Victims by perpetrator", "ko": "가해 주체별 피해자"},
    "chart.victims_by_perpetrator.desc": {
        "en": "Bar chart: published victims by perpetrator (any body up the chain of command); "
              "a victim of several perpetrators counts once under each.",
        "ko": "막대 도표: 공개된 피해자를 가해 주체(지휘 계통상의 상위 기관 포함)별로 나타냅니다. "
              "여러 가해 주체와 관련된 피해자는 각각에 한 번씩 집계됩니다."},
    "chart.victims_by_perpetrator.key": {"en": "Perpetrator", "ko": "가해 주체"},
    "chart.perpetrators_by_type": {"en": "Perpetrator bodies by type", "ko": "유형별 가해 기관"},
    "chart.perpetrators_by_type.desc": {
        "en": "Bar chart: the number of perpetrator bodies recorded under each perpetrator type.",
        "ko": "막대 도표: 가해 주체 유형별로 기록된 가해 기관의 수를 나타냅니다."},
    "chart.perpetrators_by_type.key": {"en": "Perpetrator type", "ko": "가해 주체 유형"},
    "chart.proceedings_by_forum": {"en": "Proceedings by forum", "ko": "기관별 구제 절차"},
    "chart.proceedings_by_forum.desc": {
        "en": "Pie chart: published proceedings (UN communications, court cases) by forum.",
        "ko": "원 도표: 공개된 구제 절차(유엔 진정, 소송)를 담당 기관별로 나타냅니다."},
    "chart.proceedings_by_forum.key": {"en": "Forum", "ko": "담당 기관"},
    "chart.held_by_category": {"en": "Held confidentially, by category",
                               "ko": "비공개 보관 사례 (유형별)"},
    "chart.held_by_category.desc": {
        "en": "Bar chart: victims documented but not published, by category; if any category "
              "has fewer than 5 people, every category is suppressed and none is drawn.",
        "ko": "막대 도표: 기록되었으나 공개되지 않은 피해자를 유형별로 나타냅니다. 5명 미만인 "
              "유형이 하나라도 있으면 모든 유형이 비공개 처리되어 그려지지 않습니다."},
    "chart.held_by_category.key": {"en": "Category", "ko": "유형"},
    # search
    "search.title": {"en": "Search victims", "ko": "피해자 검색"},
    "search.keyword": {"en": "Name or keyword", "ko": "이름 또는 검색어"},
    "search.placeholder": {"en": "e.g. Kim, 김철호, Yodok", "ko": "예: 김철호, Kim, 요덕"},
    "search.submit": {"en": "Search", "ko": "검색"},
    "search.filters": {"en": "Filters", "ko": "필터"},
    "search.apply": {"en": "Apply filters", "ko": "필터 적용"},
    "search.clear": {"en": "Clear all", "ko": "모두 지우기"},
    "search.results_count": {"en": "{n} victims", "ko": "피해자 {n}명"},
    "search.no_results": {"en": "No published victim matches this search.",
                          "ko": "검색 조건에 맞는 공개된 피해자가 없습니다."},
    "search.active_filters": {"en": "Active filters", "ko": "적용 중인 필터"},
    "search.remove_filter": {"en": "remove this filter", "ko": "이 필터 삭제"},
    "search.view": {"en": "Show as", "ko": "보기 방식"},
    "search.view_cards": {"en": "Cards", "ko": "카드"},
    "search.view_table": {"en": "Table", "ko": "표"},
    "search.per_page": {"en": "Per page", "ko": "쪽당 개수"},
    "search.pages": {"en": "Result pages", "ko": "검색 결과 쪽"},
    "search.years": {"en": "Event years", "ko": "사건 연도"},
    "search.more_values": {"en": "{n} more values with fewer results are not listed.",
                           "ko": "결과가 적은 값 {n}개는 표시하지 않았습니다."},
    "search.other_records": {"en": "Other records with this name", "ko": "이 이름과 일치하는 다른 기록"},
    "search.year_from": {"en": "Event year from", "ko": "사건 연도 (부터)"},
    "search.year_to": {"en": "to", "ko": "(까지)"},
    "search.born_from": {"en": "Born from", "ko": "출생 연도 (부터)"},
    "search.born_to": {"en": "to", "ko": "(까지)"},
    "search.facet.category": {"en": "Category", "ko": "피해 유형"},
    "search.facet.sex": {"en": "Sex", "ko": "성별"},
    "search.facet.age_group": {"en": "Age group", "ko": "연령대"},
    "search.facet.occupation": {"en": "Occupation", "ko": "직업"},
    "search.facet.status": {"en": "Status", "ko": "상태"},
    "search.facet.nationality": {"en": "Nationality", "ko": "국적"},
    "search.facet.decade": {"en": "Decade of first event", "ko": "첫 피해 연대"},
    "search.facet.perpetrator": {"en": "Perpetrator", "ko": "가해 주체"},
    "search.facet.forum": {"en": "Proceedings before", "ko": "구제 절차 기관"},
    "search.facet.province": {"en": "Province", "ko": "도"},
    "search.facet.years": {"en": "Years", "ko": "연도"},
    "search.facet.year_from": {"en": "Event year from", "ko": "사건 연도 (부터)"},
    "search.facet.year_to": {"en": "Event year to", "ko": "사건 연도 (까지)"},
    "search.facet.born_from": {"en": "Born from", "ko": "출생 연도 (부터)"},
    "search.facet.born_to": {"en": "Born to", "ko": "출생 연도 (까지)"},
    "search.facet.body": {"en": "Perpetrator body", "ko": "가해 기관"},
    "search.facet.location": {"en": "Place", "ko": "장소"},
    # browse
    "browse.title": {"en": "Browse records", "ko": "기록 목록"},
    "browse.intro": {"en": "Choose a kind of record to list every published one, by name.",
                     "ko": "기록 종류를 고르면 공개된 기록 전체를 이름순으로 볼 수 있습니다."},
    "browse.count": {"en": "{n} published records", "ko": "공개된 기록 {n}건"},
    "browse.kind.victims": {"en": "Victims", "ko": "피해자"},
    "browse.kind.officials": {"en": "Officials", "ko": "가해 관련자"},
    "browse.kind.perpetrators": {"en": "Perpetrator bodies", "ko": "가해 기관"},
    "browse.kind.locations": {"en": "Places", "ko": "장소"},
    "browse.kind.events": {"en": "Events", "ko": "사건"},
    "browse.kind.proceedings": {"en": "Proceedings", "ko": "구제 절차"},
    "browse.kind.instruments": {"en": "Instruments", "ko": "국제 규범"},
    "browse.kind.resources": {"en": "North Korean laws and documents", "ko": "북한 법·문헌"},
    "browse.kind.sources": {"en": "Sources", "ko": "출처"},
    "browse.kind.organizations": {"en": "Organisations", "ko": "기관"},
    # profiles
    "profile.record": {"en": "Record", "ko": "기록"},
    "profile.relationships": {"en": "Relationships", "ko": "관계"},
    "profile.no_relationships": {"en": "No public relationships.", "ko": "공개된 관계가 없습니다."},
    "profile.sources": {"en": "Public sources", "ko": "공개 출처"},
    "profile.no_sources": {"en": "No public source is linked.", "ko": "연결된 공개 출처가 없습니다."},
    "profile.source": {"en": "Source", "ko": "출처"},
    "profile.proceedings": {"en": "Proceedings", "ko": "구제 절차"},
    "profile.no_proceedings": {"en": "No public proceeding is linked.",
                               "ko": "연결된 공개 구제 절차가 없습니다."},
    "profile.network": {"en": "Network", "ko": "관계망"},
    "profile.provenance": {"en": "Why this is public", "ko": "공개 근거"},
    "profile.open_network": {"en": "Explore the network", "ko": "관계망 탐색"},
    "profile.chain": {"en": "Chain of responsibility", "ko": "책임 계통"},
    "profile.victims_here": {"en": "Victims linked to this place", "ko": "이 장소와 관련된 피해자"},
    "profile.victims_of_body": {"en": "Victims of this body", "ko": "이 기관의 피해자"},
    "profile.shown_of": {"en": "{shown} of {total} shown.", "ko": "{total}건 중 {shown}건 표시."},
    "profile.same_person": {"en": "Also recorded as", "ko": "같은 사람의 다른 기록"},
    "profile.same_person_intro": {
        "en": "Editors judged these public records to be the same person as this one. They "
              "were recorded separately, often by different organisations and under other "
              "spellings, and are kept as they were: nothing is merged.",
        "ko": "편집자는 아래 공개 기록들이 이 기록과 같은 사람이라고 판단했습니다. 이 기록들은 "
              "흔히 서로 다른 기관이 다른 표기로 따로 기록한 것이며, 병합하지 않고 원래대로 "
              "보존합니다."},
    "profile.recorded_by": {"en": "recorded by", "ko": "기록 기관:"},
    "profile.same_person_note": {
        "en": "Such a link is published only when every record judged to be this person is "
              "public.",
        "ko": "이 사람으로 판단된 모든 기록이 공개된 경우에만 이 연결을 공개합니다."},
    "profile.merged_view": {"en": "Merged view (JSON)", "ko": "통합 보기 (JSON)"},
    "provenance.person": {
        "en": "This person is public because a consent to publication is on record, at least one "
              "source about them may be used publicly, and an editor approved publication.",
        "ko": "이 인물은 공개 동의가 기록되어 있고, 공개적으로 이용할 수 있는 출처가 하나 이상 "
              "있으며, 편집자가 공개를 승인했기 때문에 공개됩니다."},
    "provenance.consent_on": {"en": "Consent to publication given on", "ko": "공개 동의 일자"},
    "provenance.given_by": {"en": "Consent given by", "ko": "동의한 사람"},
    "provenance.by_family": {"en": "the family (the person is dead, missing or detained)",
                             "ko": "가족 (본인이 사망, 실종 또는 구금 상태)"},
    "provenance.by_person": {"en": "the person", "ko": "본인"},
    "provenance.sources": {"en": "Public sources that cleared publication",
                           "ko": "공개를 허용한 공개 출처"},
    "provenance.person_note": {
        "en": "Consent can be withdrawn at any time; the record then leaves this site at once.",
        "ko": "동의는 언제든 철회할 수 있으며, 철회하면 기록은 즉시 이 사이트에서 삭제됩니다."},
    "provenance.Event": {
        "en": "This event is public because at least one public person was subjected to it, "
              "according to a source that may be used publicly.",
        "ko": "이 사건은 공개 출처에 따라 공개된 인물이 한 명 이상 이 사건의 피해를 입었기 "
              "때문에 공개됩니다."},
    "provenance.Proceeding": {
        "en": "This proceeding is public because every person it concerns is public: its "
              "reference would otherwise identify them.",
        "ko": "이 절차가 관련된 모든 인물이 공개되어 있기 때문에 공개됩니다. 그렇지 않으면 사건 "
              "번호만으로도 당사자를 알아볼 수 있기 때문입니다."},
    "provenance.Source": {
        "en": "This source is public because its terms of use permit public use. A document "
              "available elsewhere is not made public here for that reason alone.",
        "ko": "이 출처는 이용 조건이 공개 이용을 허용하기 때문에 공개됩니다. 다른 곳에 공개된 "
              "문서라는 사실만으로는 여기에서 공개되지 않습니다."},
    "provenance.reference": {
        "en": "This is reference data (a body, a place, a law or an organisation) that holds no "
              "personal data; it is public once an editor has reviewed it.",
        "ko": "개인정보가 없는 참고 자료(기관, 장소, 법, 단체)로, 편집자의 검토를 거쳐 공개됩니다."},
    "provenance.how": {"en": "How consent works", "ko": "동의 원칙 안내"},
    # fields
    "field.name": {"en": "Name", "ko": "이름"},
    "field.sources": {"en": "Sources", "ko": "출처"},
    # map
    "map.title": {"en": "Map", "ko": "지도"},
    "map.intro": {
        "en": "Where published victims lived, were taken from and were last seen. Turn layers on "
              "and off; clusters open as you zoom in; a marker's popup links to the place and its "
              "victims. The basemap ships with this site: your position is sent to no one.",
        "ko": "공개된 피해자가 살던 곳, 납치·연행된 곳, 마지막으로 목격된 곳입니다. 층을 켜고 끌 수 "
              "있으며, 확대하면 묶음이 풀립니다. 표지를 누르면 장소와 피해자로 연결됩니다. 배경 "
              "지도는 이 사이트에 포함되어 있어 이용자의 위치가 외부로 전송되지 않습니다."},
    "map.layers": {"en": "Layers", "ko": "지도 층"},
    "map.region": {"en": "Map of victims' places", "ko": "피해자 관련 장소 지도"},
    "map.noscript": {"en": "The map needs JavaScript; the tables below list the same places.",
                     "ko": "지도를 보려면 자바스크립트가 필요합니다. 아래 표에 같은 장소가 있습니다."},
    "map.top_locations": {"en": "Places with the most victims", "ko": "피해자가 가장 많은 장소"},
    "map.location": {"en": "Place", "ko": "장소"},
    "map.count": {"en": "Victims", "ko": "피해자 수"},
    "map.basemap": {"en": "Boundaries: Natural Earth", "ko": "경계: Natural Earth"},
    "map.tile_attribution": {"en": "Map tiles: configured tile server",
                             "ko": "지도 타일: 설정된 타일 서버"},
    "map.popup.victims": {"en": "{n} victims", "ko": "피해자 {n}명"},
    "map.popup.more": {"en": "and {n} more", "ko": "외 {n}명"},
    "map.popup.profile": {"en": "Place profile", "ko": "장소 정보"},
    "map.popup.all": {"en": "All victims linked to this place", "ko": "이 장소와 관련된 모든 피해자"},
    "layer.lived": {"en": "Lived", "ko": "거주지"},
    "layer.taken_from": {"en": "Taken from", "ko": "납치·연행 장소"},
    "layer.last_seen": {"en": "Last seen", "ko": "마지막 목격 장소"},
    "layer.held": {"en": "Held (detention facilities)", "ko": "구금 장소 (수용 시설)"},
    # network explorer
    "net.title": {"en": "Network explorer", "ko": "관계망 탐색"},
    "net.intro": {
        "en": "Follow the links between victims, events, perpetrators and their chains of "
              "command, places, proceedings and sources. Click a node to expand it; double-click "
              "to open its profile. Every view has its own link.",
        "ko": "피해자, 사건, 가해 기관과 지휘 계통, 장소, 구제 절차, 출처 사이의 연결을 따라가 "
              "보세요. 노드를 누르면 이웃이 펼쳐지고, 두 번 누르면 상세 정보가 열립니다. 모든 "
              "화면에는 고유한 링크가 있습니다."},
    "net.mode.neighbourhood": {"en": "Neighbourhood", "ko": "주변 관계"},
    "net.mode.path": {"en": "Path finder", "ko": "경로 찾기"},
    "net.mode.chain": {"en": "Chain of responsibility", "ko": "책임 계통"},
    "net.mode.empty": {"en": "Nothing to show yet", "ko": "아직 표시할 내용이 없습니다"},
    "net.mode.not_found": {"en": "Not found", "ko": "찾을 수 없음"},
    "net.focus": {"en": "Record (uid)", "ko": "기록 (식별자)"},
    "net.hops": {"en": "Steps", "ko": "단계"},
    "net.limit": {"en": "At most nodes", "ko": "최대 노드 수"},
    "net.dates": {"en": "Events between", "ko": "사건 기간"},
    "net.date_from": {"en": "From", "ko": "부터"},
    "net.date_to": {"en": "To", "ko": "까지"},
    "net.types": {"en": "Relationship types", "ko": "관계 유형"},
    "net.types_default": {"en": "None ticked: every type but “supports” (sources).",
                          "ko": "선택하지 않으면 ‘근거’(출처)를 뺀 모든 유형을 따라갑니다."},
    "net.show": {"en": "Show", "ko": "보기"},
    "net.path_from": {"en": "From (uid)", "ko": "출발 (식별자)"},
    "net.path_to": {"en": "To (uid)", "ko": "도착 (식별자)"},
    "net.k": {"en": "Number of paths", "ko": "경로 수"},
    "net.uid_help": {
        "en": "Type a uid, pick one of the nodes shown, or select a node and use the buttons "
              "beside the network.",
        "ko": "식별자를 입력하거나, 표시된 노드 중에서 고르거나, 노드를 선택한 뒤 관계망 옆의 "
              "버튼을 누르세요."},
    "net.path_find": {"en": "Find paths", "ko": "경로 찾기"},
    "net.path_none": {"en": "No path between these two records (within 8 steps).",
                      "ko": "두 기록 사이에 경로가 없습니다 (8단계 이내)."},
    "net.chain_victim": {"en": "Victim (uid)", "ko": "피해자 (식별자)"},
    "net.chain_help": {
        "en": "From the victim through each event to the perpetrators and the bodies above them, "
              "as the chain of command stood at the time of the event.",
        "ko": "피해자에서 각 사건을 거쳐 가해 주체와 그 상위 기관까지, 사건 당시의 지휘 계통을 "
              "따라갑니다."},
    "net.chain_show": {"en": "Show the chain", "ko": "책임 계통 보기"},
    "net.chain_none": {"en": "No event with a recorded perpetrator.",
                       "ko": "가해 주체가 기록된 사건이 없습니다."},
    "net.chain_unknown": {"en": "perpetrator unknown", "ko": "가해 주체 미상"},
    "net.not_found": {"en": "No public record has this identifier.",
                      "ko": "이 식별자를 가진 공개 기록이 없습니다."},
    "net.truncated": {"en": "Only part of this network is shown (the node limit was reached).",
                      "ko": "관계망의 일부만 표시됩니다 (노드 수 한도에 도달)."},
    "net.hint": {"en": "Click a node to expand it; double-click to open its profile. Scroll or "
                       "pinch to zoom.",
                 "ko": "노드를 누르면 펼쳐지고, 두 번 누르면 상세 정보가 열립니다. 스크롤하거나 "
                       "두 손가락으로 확대·축소하세요."},
    "net.selected": {"en": "Selected", "ko": "선택한 노드"},
    "net.nothing_selected": {"en": "Nothing selected.", "ko": "선택한 노드가 없습니다."},
    "net.expand": {"en": "Expand again", "ko": "다시 펼치기"},
    "net.open_profile": {"en": "Open profile", "ko": "상세 정보"},
    "net.use_as_from": {"en": "Path from here", "ko": "여기서 출발"},
    "net.use_as_to": {"en": "Path to here", "ko": "여기에 도착"},
    "net.expanding": {"en": "Loading neighbours…", "ko": "이웃을 불러오는 중…"},
    "net.expanded": {"en": "{n} nodes added.", "ko": "노드 {n}개를 추가했습니다."},
    "net.nothing_new": {"en": "No further public neighbours.", "ko": "더 이상 공개된 이웃이 없습니다."},
    "net.expand_failed": {"en": "The neighbours could not be loaded.",
                          "ko": "이웃을 불러오지 못했습니다."},
    "net.legend": {"en": "Legend", "ko": "범례"},
    "net.command_edge": {"en": "Perpetration or chain of command", "ko": "가해 또는 지휘 계통"},
    "net.fact_edge": {"en": "Other relationship", "ko": "기타 관계"},
    "net.list_summary": {"en": "The same network as a list", "ko": "같은 관계망을 목록으로 보기"},
    "net.nodes": {"en": "Nodes", "ko": "노드"},
    "net.relationships": {"en": "Relationships", "ko": "관계"},
    "net.canvas_label": {"en": "Interactive network view (nodes / relationships)",
                         "ko": "대화형 관계망 (노드 / 관계)"},
    # researcher console
    "console.title": {"en": "Cypher console", "ko": "Cypher 콘솔"},
    "console.intro": {
        "en": "Read-only Cypher queries on the public graph, for researchers. The console cannot "
              "write, read files or reach the confidential vault: only what is published is there.",
        "ko": "연구자를 위한 공개 그래프 읽기 전용 Cypher 질의입니다. 콘솔은 쓰기, 파일 읽기, "
              "비공개 보관소 접근을 할 수 없으며, 공개된 내용만 조회됩니다."},
    "console.limits": {"en": "At most {rows} rows and {timeout} seconds per query.",
                       "ko": "질의당 최대 {rows}행, {timeout}초."},
    "console.token": {"en": "Researcher token", "ko": "연구자 토큰"},
    "console.token_help": {
        "en": "Paste the bearer token you were issued. It is kept in this browser tab only "
              "(sessionStorage) and sent only to this site.",
        "ko": "발급받은 토큰을 붙여넣으세요. 토큰은 이 브라우저 탭(sessionStorage)에만 보관되며 "
              "이 사이트로만 전송됩니다."},
    "console.token_label": {"en": "Token", "ko": "토큰"},
    "console.token_save": {"en": "Use this token", "ko": "토큰 사용"},
    "console.token_clear": {"en": "Forget the token", "ko": "토큰 삭제"},
    "console.query": {"en": "Query", "ko": "질의"},
    "console.run": {"en": "Run query", "ko": "질의 실행"},
    "console.shortcut": {"en": "Ctrl+Enter runs the query.", "ko": "Ctrl+Enter로 실행합니다."},
    "console.examples": {"en": "Example queries", "ko": "질의 예시"},
    "console.results": {"en": "Results", "ko": "결과"},
    "console.example.by_category": {"en": "Victims by category", "ko": "유형별 피해자"},
    "console.example.chain_of_command": {"en": "Chains of command of perpetrator bodies",
                                         "ko": "가해 기관의 지휘 계통"},
    "console.example.taken_and_last_seen": {"en": "Where victims were taken from and last seen",
                                            "ko": "피해자의 납치 장소와 마지막 목격 장소"},
    "console.example.perpetrators_of_victims": {"en": "Perpetrator bodies by number of victims",
                                                "ko": "피해자 수에 따른 가해 기관"},
    "console.example.proceedings_by_forum": {"en": "Proceedings, their victims and instruments",
                                             "ko": "구제 절차와 관련 피해자·원용 규범"},
    "console.example.events_by_decade": {"en": "Events by decade and kind",
                                         "ko": "연대·종류별 사건"},
    "console.example.name_search": {"en": "Full-text name search (Hangul or romanised)",
                                    "ko": "이름 전문 검색 (한글 또는 로마자)"},
    "console.example.neighbourhood": {"en": "The most connected victim and their links",
                                      "ko": "연결이 가장 많은 피해자와 그 관계"},
    "console.js.running": {"en": "Running…", "ko": "실행 중…"},
    "console.js.rows": {"en": "{n} rows.", "ko": "{n}행."},
    "console.js.truncated": {"en": "The result was cut at the limit.",
                             "ko": "결과가 한도에서 잘렸습니다."},
    "console.js.no_rows": {"en": "The query returned no rows.", "ko": "결과 행이 없습니다."},
    "console.js.error_401": {
        "en": "Not signed in: paste a valid researcher token above (the token may be wrong, "
              "revoked or expired).",
        "ko": "인증되지 않았습니다. 위에 유효한 연구자 토큰을 붙여넣으세요 (토큰이 틀렸거나 "
              "폐기되었을 수 있습니다)."},
    "console.js.error_403": {"en": "This token's account may not use the console.",
                             "ko": "이 토큰의 계정은 콘솔을 사용할 권한이 없습니다."},
    "console.js.error_400": {"en": "The query was refused.", "ko": "질의가 거부되었습니다."},
    "console.js.error_422": {"en": "The request was not valid.", "ko": "요청이 올바르지 않습니다."},
    "console.js.error_429": {"en": "Too many queries: wait a moment and try again.",
                             "ko": "질의가 너무 많습니다. 잠시 후 다시 시도하세요."},
    "console.js.error_409": {"en": "Your previous query is still running: one at a time.",
                             "ko": "이전 질의가 아직 실행 중입니다. 한 번에 하나씩만 실행할 수 "
                                   "있습니다."},
    "console.js.error_503": {"en": "The console is busy: try again in a few seconds.",
                             "ko": "콘솔이 사용 중입니다. 몇 초 후 다시 시도하세요."},
    "console.js.error_network": {"en": "The server could not be reached.",
                                 "ko": "서버에 연결할 수 없습니다."},
    "console.js.error_other": {"en": "The query failed.", "ko": "질의에 실패했습니다."},
    "console.js.token_saved": {"en": "A token is set for this tab.",
                               "ko": "이 탭에 토큰이 설정되어 있습니다."},
    "console.js.token_cleared": {"en": "The token was forgotten.", "ko": "토큰을 삭제했습니다."},
    "console.js.token_missing": {"en": "No token: paste your researcher token first.",
                                 "ko": "토큰이 없습니다. 먼저 연구자 토큰을 붙여넣으세요."},
    "console.js.nodes": {"en": "Nodes", "ko": "노드"},
    "console.js.relationships": {"en": "Relationships", "ko": "관계"},
    # downloads
    "dl.title": {"en": "Downloads", "ko": "내려받기"},
    "dl.intro": {
        "en": "The whole public graph, for research. These files hold exactly what the site "
              "shows: nothing that is not published.",
        "ko": "연구용 공개 그래프 전체입니다. 이 파일에는 사이트에 공개된 내용만 들어 있습니다."},
    "dl.bulk": {"en": "The whole graph", "ko": "그래프 전체"},
    "dl.format.graph.jsonl": {
        "en": "JSON Lines in the Footprints interchange format (loads with footprints load)",
        "ko": "풋프린츠 교환 형식의 JSON Lines (footprints load로 불러올 수 있음)"},
    "dl.format.csv.zip": {"en": "Every CSV table in one zip archive",
                          "ko": "모든 CSV 표를 묶은 zip 파일"},
    "dl.format.graph.graphml": {"en": "GraphML, for Gephi, yEd or Cytoscape",
                                "ko": "Gephi, yEd, Cytoscape용 GraphML"},
    "dl.csv_tables": {"en": "CSV tables", "ko": "CSV 표"},
    "dl.table.persons": {"en": "people", "ko": "인물"},
    "dl.table.perpetrators": {"en": "perpetrator bodies", "ko": "가해 기관"},
    "dl.table.locations": {"en": "places", "ko": "장소"},
    "dl.table.events": {"en": "events", "ko": "사건"},
    "dl.table.proceedings": {"en": "proceedings", "ko": "구제 절차"},
    "dl.table.instruments": {"en": "instruments", "ko": "국제 규범"},
    "dl.table.resources": {"en": "North Korean laws and documents", "ko": "북한 법·문헌"},
    "dl.table.sources": {"en": "sources", "ko": "출처"},
    "dl.table.organizations": {"en": "organisations", "ko": "기관"},
    "dl.table.relationships": {"en": "every relationship (type, from, to, properties)",
                               "ko": "모든 관계 (유형, 출발, 도착, 속성)"},
    "dl.api": {"en": "The API", "ko": "API"},
    "dl.api_text": {"en": "Everything here is also available as JSON from the public API:",
                    "ko": "모든 내용은 공개 API에서 JSON으로도 받을 수 있습니다:"},
    "dl.charts_text": {"en": "Each chart's numbers and image are on the dashboard:",
                       "ko": "각 도표의 수치와 이미지는 현황 페이지에 있습니다:"},
    # about
    "about.title": {"en": "About the data and the method", "ko": "데이터와 방법 소개"},
    "about.what.h": {"en": "What this is", "ko": "무엇인가"},
    "about.what.p1": {
        "en": "Footprints Graph documents arbitrary detention, abduction and enforced "
              "disappearance committed in and by North Korea: the victims, the bodies responsible "
              "and their chains of command, the places, the events, the proceedings brought to "
              "seek redress, the human-rights instruments and North Korean laws they cite, and the "
              "sources behind every claim.",
        "ko": "풋프린츠 그래프는 북한 안팎에서 북한이 저지른 자의적 구금, 납치, 강제실종을 "
              "기록합니다. 피해자, 책임 기관과 지휘 계통, 장소, 사건, 구제를 위한 절차, 그 "
              "절차가 원용한 인권 규범과 북한 법, 그리고 모든 주장의 근거가 되는 출처를 담습니다."},
    "about.what.p2": {
        "en": "The categories follow the UN Commission of Inquiry (2014): Korean War prisoners of "
              "war and abductees, post-war abductees, “returnees” from Japan, Japanese and other "
              "foreign abductees, disappearances inside the DPRK and the forced repatriation of "
              "escapees.",
        "ko": "분류는 유엔 북한인권조사위원회(2014)를 따릅니다: 한국전쟁 국군포로와 납북자, 전후 "
              "납북자, 재일교포 북송자, 일본인 및 기타 외국인 납치피해자, 북한 내 강제실종, "
              "탈북민 강제송환."},
    "about.what.p3": {
        "en": "Unlike a document database, it is a graph: you can follow a victim through events "
              "to the units responsible and the bodies above them, find paths between records, "
              "and query the whole published graph in Cypher.",
        "ko": "문서 데이터베이스와 달리 그래프이므로, 피해자에서 사건을 거쳐 책임 부대와 상위 "
              "기관까지 따라가고, 기록 사이의 경로를 찾고, 공개된 그래프 전체를 Cypher로 질의할 "
              "수 있습니다."},
    "about.synthetic.h": {"en": "Demonstration data is synthetic", "ko": "시연용 데이터는 합성 데이터입니다"},
    "about.synthetic.p": {
        "en": "The demonstration dataset is generated: every person in it is invented, although "
              "the proportions between categories, the places and the perpetrator structures "
              "mirror the real problem. Records marked “synthetic” describe no real person.",
        "ko": "시연용 데이터는 생성된 것입니다. 유형별 비율, 장소, 가해 기관 구조는 실제 문제를 "
              "반영하지만 모든 인물은 가상입니다. ‘합성’ 표시가 있는 기록은 실제 인물이 아닙니다."},
    "about.consent.h": {"en": "How consent works", "ko": "동의 원칙"},
    "about.consent.intro": {
        "en": "Consent is structural here, not a checkbox. The documentation lives in a "
              "confidential vault; this site reads only a separate public graph that holds what "
              "the consent policy clears, and nothing else. The rules:",
        "ko": "여기서 동의는 확인란이 아니라 구조입니다. 기록은 비공개 보관소에 있고, 이 사이트는 "
              "동의 정책이 허용한 내용만 담은 별도의 공개 그래프만 읽습니다. 원칙은 다음과 같습니다:"},
    "about.consent.rule1": {"en": "Private by default: a person without a consent to publication "
                                  "is not public.",
                            "ko": "비공개가 기본입니다. 공개 동의가 없는 사람은 공개되지 않습니다."},
    "about.consent.rule2": {
        "en": "Publication needs consent to publication, by the person or, for the dead or "
              "disappeared, their family. Consent to a UN submission or to internal use never "
              "counts as consent to publish.",
        "ko": "공개하려면 본인의 공개 동의가 필요하며, 사망하거나 실종된 경우에는 가족의 동의가 "
              "필요합니다. 유엔 제출이나 내부 이용에 대한 동의는 공개 동의가 아닙니다."},
    "about.consent.rule3": {
        "en": "A fact is published only if a source supporting it permits public use. That a "
              "document is available elsewhere, for instance on a UN website, does not make it "
              "publishable here.",
        "ko": "사실은 그것을 뒷받침하는 출처가 공개 이용을 허용할 때만 공개됩니다. 유엔 웹사이트 "
              "등 다른 곳에 공개된 문서라고 해서 여기서 공개할 수 있는 것은 아닙니다."},
    "about.consent.rule4": {
        "en": "Third parties at risk, such as relatives or witnesses inside North Korea, are never "
              "published with identifying data.",
        "ko": "북한에 있는 가족이나 목격자처럼 위험에 처할 수 있는 제3자는 신원을 알 수 있는 "
              "정보와 함께 공개되지 않습니다."},
    "about.consent.rule5": {"en": "Publication also needs an editor's review.",
                            "ko": "공개에는 편집자의 검토도 필요합니다."},
    "about.consent.rule6": {
        "en": "Withdrawal takes effect at once: the person leaves the public graph, search, "
              "statistics and downloads in the same request.",
        "ko": "동의 철회는 즉시 효력이 있습니다. 해당 인물은 같은 요청 안에서 공개 그래프, 검색, "
              "통계, 내려받기에서 삭제됩니다."},
    "about.consent.rule7": {"en": "A relationship is public only if both of its ends are public.",
                            "ko": "관계는 양쪽 끝이 모두 공개된 경우에만 공개됩니다."},
    "about.consent.rule8": {
        "en": "Statistics come from the public graph. The count of cases held confidentially "
              "never breaks down to fewer than 5 people.",
        "ko": "통계는 공개 그래프에서 계산합니다. 비공개 사례 수는 5명 미만으로 나누어 "
              "보여주지 않습니다."},
    "about.consent.why": {
        "en": "These rules answer a real failure: in 2021 a documentation group accused a public "
              "database of publishing personal data of victims and witnesses taken from petitions "
              "to UN working groups, whose consent covered the UN only.",
        "ko": "이 원칙은 실제 실패에서 나왔습니다. 2021년 한 기록 단체는 한 공개 데이터베이스가 "
              "유엔 실무그룹에 제출된 청원서에서 가져온 피해자와 목격자의 개인정보를, 유엔 제출에만 "
              "동의한 상태에서 공개했다고 비판했습니다."},
    "about.method.h": {"en": "Method", "ko": "방법"},
    "about.method.p1": {
        "en": "Partner organisations record cases, sources and consents in the vault. Every "
              "change of consent, every publication and every withdrawal is written to an "
              "append-only, hash-chained audit log.",
        "ko": "협력 기관은 사례, 출처, 동의를 보관소에 기록합니다. 모든 동의 변경, 공개, 철회는 "
              "추가만 가능한 해시 연결 감사 기록에 남습니다."},
    "about.method.p2": {
        "en": "Every relationship that states a fact carries the sources that support it; a "
              "profile shows them, and explains why the record is public.",
        "ko": "사실을 나타내는 모든 관계에는 그것을 뒷받침하는 출처가 붙어 있으며, 상세 정보 "
              "페이지에서 출처와 공개 근거를 확인할 수 있습니다."},
    "about.privacy.h": {"en": "Your privacy", "ko": "이용자 개인정보"},
    "about.privacy.p": {
        "en": "This site loads nothing from any other server: no fonts, maps, scripts or "
              "statistics services. The only cookie remembers your language.",
        "ko": "이 사이트는 다른 서버에서 아무것도 불러오지 않습니다. 글꼴, 지도, 스크립트, 통계 "
              "서비스 모두 사용하지 않습니다. 쿠키는 언어 설정을 기억하는 데만 씁니다."},
}

def t(key: str, lang: str = "en", **params) -> str:
    """The message ``key`` in ``lang`` (English if the language is unknown), formatted with
    ``params``. An unknown key comes back as itself, so a page never breaks on one; the
    i18n tests make sure that never happens."""
    entry = MESSAGES.get(key)
    if entry is None:
        return model_label(key, lang) or key
    text = entry.get(lang) or entry["en"]
    return text.format(**params) if params else text


def model_label(key: str, lang: str = "en") -> str | None:
    """``field.<name>``, ``kind.<Type>`` or ``rel.<TYPE>[.out|.in]`` from the model, or None
    if the model has no such field, record type, role or relationship type."""
    from graph.model import MODEL

    prefix, _, name = key.partition(".")
    if prefix == "field":
        known = any(name in r.fields for r in MODEL.records.values()) or name in MODEL.properties
        return MODEL.field_label(name, lang) if known else None
    if prefix == "kind":
        known = name in MODEL.records or name in MODEL.vocabularies["role"]
        return MODEL.kind_label(name, lang) if known else None
    if prefix == "rel":
        rel, _, direction = name.partition(".")
        if rel not in MODEL.relationships or direction not in ("", "out", "in"):
            return None
        return MODEL.relationship_label(rel, lang, direction or None)
    return None


def known(key: str) -> bool:
    """Whether ``t`` has a text for ``key`` (from the catalogue or the model)."""
    return key in MESSAGES or model_label(key) is not None
