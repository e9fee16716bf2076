"""Countries from ISO 3166-1 as maintained by pycountry, with Japanese names as MOFA writes them.

pycountry's Japanese names (its iso3166-1 catalogue) are partly formal names
(オーストラリア連邦, ロシア連邦), partly out of date (グルジア, 聖庁) and partly
wrong (タニザニア連合共和国, 大韓民国 (韓国), 中国領・台湾). A Japanese local
government writes the short names the Ministry of Foreign Affairs uses in its
list of countries and regions (外務省「国・地域」: 韓国, 中国, 台湾, ジョージア,
タンザニア, ベトナム, ロシア, アメリカ合衆国 …): ``JAPANESE_NAMES`` overrides
pycountry with those (and, for territories MOFA does not list, a name without
brackets). Change a name here and run ``manage.py migrate`` (the partners
migrations apply it) or ``sync_countries``.
"""

import gettext

import pycountry

# ISO alpha-2 code → the Japanese short name of MOFA's 国・地域 list (or, for a
# territory, its usual Japanese name without brackets).
JAPANESE_NAMES: dict[str, str] = {
    "AU": "オーストラリア",  # pycountry: オーストラリア連邦 (formal name)
    "BN": "ブルネイ",  # ブルネイ・ダルサラーム国
    "BO": "ボリビア",  # ボリビア多民族国
    "CC": "ココス諸島",  # ココス (キーリング) 諸島
    "CF": "中央アフリカ",  # 中央アフリカ共和国
    "CG": "コンゴ共和国",  # コンゴ (ambiguous beside コンゴ民主共和国)
    "CV": "カーボベルデ",  # カーボヴェルデ
    "DM": "ドミニカ国",  # ドミニカ (ambiguous beside ドミニカ共和国)
    "ER": "エリトリア",  # エリトリア国
    "FK": "フォークランド諸島",  # フォークランド諸島 (マルビナス)
    "FM": "ミクロネシア",  # ミクロネシア連邦
    "GE": "ジョージア",  # グルジア: renamed in Japanese law in 2015
    "IR": "イラン",  # イラン・イスラム共和国
    "KG": "キルギス",  # キルギスタン
    "KN": "セントクリストファー・ネービス",  # セントクリストファー・ネーヴィス
    "KP": "北朝鮮",  # 朝鮮民主主義人民共和国
    "KR": "韓国",  # 大韓民国 (韓国)
    "LA": "ラオス",  # ラオス人民民主共和国
    "MD": "モルドバ",  # モルドバ共和国
    "MF": "フランス領サン・マルタン",  # サンマルタン (仏領)
    "MN": "モンゴル",  # モンゴル国
    "RU": "ロシア",  # ロシア連邦
    "SX": "オランダ領シント・マールテン",  # サンマルタン (オランダ領)
    "SY": "シリア",  # シリア・アラブ共和国
    "TW": "台湾",  # 中国領・台湾
    "TZ": "タンザニア",  # タニザニア連合共和国 (a typo)
    "US": "アメリカ合衆国",  # 米国
    "VA": "バチカン",  # 聖庁 (バチカン市国)
    "VE": "ベネズエラ",  # ベネズエラ・ボリバル共和国
    "WF": "ウォリス・フツナ",  # ワリー及びフテュナ
}


def iso_countries() -> list[dict[str, str]]:
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"], fallback=True)
    rows = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        rows.append(
            {
                "code": country.alpha_2,
                "alpha3": country.alpha_3,
                "name_en": english,
                "name_ja": JAPANESE_NAMES.get(country.alpha_2) or japanese.gettext(country.name),
            }
        )
    return rows


def sync_countries(country_model) -> int:
    """Create or update every ISO country, with its sort key and search text; returns how
    many exist afterwards. ``country_model`` may be a migration's historical model."""
    from tsunagu.text import name_sort_key, search_text

    columns = {field.name for field in country_model._meta.fields}
    existing = {c.code: c for c in country_model.objects.all()}
    for row in iso_countries():
        row = {
            **row,
            "name_sort": name_sort_key(row["name_ja"]),
            "search_text": search_text(row["name_ja"], row["name_en"], row["code"], row["alpha3"]),
        }
        # An older migration's model has no sort key or search text yet.
        row = {key: value for key, value in row.items() if key in columns}
        country = existing.get(row["code"])
        if country is None:
            country_model.objects.create(**row)
        elif any(getattr(country, k) != v for k, v in row.items()):
            for key, value in row.items():
                setattr(country, key, value)
            country.save()
    return country_model.objects.count()
