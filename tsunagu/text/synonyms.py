"""Related terms of the domain: a query for one word of a group also finds the others.

Each group lists words that a person searching for one of them also means.
When a record is indexed, every group word found in it adds the group's
token (``text.synonym_tag``); a query word of the group matches that token
as well as the word itself, so a document using the typed word ranks above
one that only uses another word of the group. One extra token per query
word keeps the full-text query small whatever the size of the group.

The groups are deliberately small and specific to the city's international
work: programmes of CLAIR, JICA and the ministries, and the departments'
fields (water, waste, environment, training, partner cities…). Words go
through the same normalisation as the index (NFKC, katakana folded to
hiragana, Sudachi's normalised form), so ゴミ, ごみ and ｺﾞﾐ need one entry.
A word that Sudachi splits into several tokens (e.g. 友好都市 → 友好 + 都市)
matches documents containing all of its tokens.

To add a group: append a tuple below, add a test in tests/search that a
document using one word is found by another, and run
``manage.py rebuild_search_index`` (documents carry the group tokens).
"""

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    # Waste (ごみ is written in hiragana, katakana and as the formal 廃棄物).
    ("ごみ", "廃棄物", "一般廃棄物", "産業廃棄物", "waste", "garbage", "refuse"),
    ("リサイクル", "再資源化", "再利用", "recycling"),
    # Water and sewerage.
    ("下水", "下水道", "汚水", "排水", "sewage", "sewerage", "wastewater"),
    ("水道", "上水道", "上下水道", "水道事業", "給水", "water supply"),
    # Environment.
    ("環境", "エコ", "環境保全", "environment", "environmental", "eco"),
    ("脱炭素", "低炭素", "温室効果ガス", "気候変動", "decarbonisation", "decarbonization", "climate"),
    # People and training.
    ("研修", "研修員", "研修生", "受入研修", "training", "trainee"),
    ("専門家", "専門家派遣", "職員派遣", "expert", "experts"),
    ("技術協力", "技術支援", "technical cooperation"),
    ("国際協力", "国際貢献", "international cooperation"),
    ("国際交流", "交流事業", "international exchange"),
    # Partner cities.
    ("姉妹都市", "友好都市", "姉妹提携", "友好提携", "sister city", "friendship city", "twin city"),
    # Kinds of support.
    ("補助金", "助成金", "交付金", "補助", "助成", "grant", "subsidy"),
    ("委託", "委託事業", "commission"),
    # Providers known by an abbreviation.
    ("自治体国際化協会", "クレア", "clair"),
    ("国際協力機構", "jica"),
    ("日本貿易振興機構", "ジェトロ", "jetro"),
    ("国際連合工業開発機関", "unido"),
    # Who applies.
    ("自治体", "地方自治体", "地方公共団体", "市町村", "local government", "municipality"),
    ("地域国際化協会", "国際交流協会", "international association"),
    ("ngo", "npo", "非営利団体", "市民団体"),
    ("中小企業", "企業", "民間企業", "sme", "company"),
    # Fields named differently by departments.
    ("防災", "災害", "disaster"),
    ("消防", "救急", "firefighting"),
    ("観光", "インバウンド", "tourism"),
    ("多文化共生", "外国人住民", "multicultural"),
)
