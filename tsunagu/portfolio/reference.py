"""Reference classifications: fields (分野), activity types (事業形態) and the SDGs.

Loaded by a data migration, so every database (demo, test, production) has them.
The Japanese texts of the 169 SDG targets are read from ``data/sdg_targets_ja.tsv``
(the Ministry of Foreign Affairs' provisional translation; the file names its source).
"""

import functools
from pathlib import Path

SDG_TARGETS_FILE = Path(__file__).resolve().parent / "data" / "sdg_targets_ja.tsv"

FIELDS = [
    ("environment", "環境", "Environment"),
    ("water", "上下水道", "Water and sewerage"),
    ("trade", "貿易・経済交流", "Trade and economic exchange"),
    ("fire-disaster", "消防・防災", "Fire fighting and disaster management"),
    ("health", "保健・医療", "Health"),
    ("animal-care", "動物愛護・管理", "Animal care"),
    ("general-administration", "一般行政", "General administration"),
    ("culture", "文化・観光", "Culture and tourism"),
    ("education", "教育・人材育成", "Education and human resources"),
    ("multicultural", "多文化共生", "Multicultural coexistence"),
    ("port-transport", "港湾・交通", "Ports and transport"),
    ("industry", "産業振興", "Industrial promotion"),
]

ACTIVITY_TYPES = [
    ("trainee-acceptance", "研修員受入", "Trainee acceptance"),
    ("expert-dispatch", "専門家派遣", "Expert dispatch"),
    ("technical-cooperation", "技術協力", "Technical cooperation"),
    ("business-development", "ビジネス展開", "Business development"),
    ("network-platform", "ネットワーク・プラットフォーム", "Network / platform"),
    ("friendship-exchange", "友好交流", "Friendship exchange"),
    ("survey", "調査", "Survey"),
]

# UN Sustainable Development Goals: Japanese names as used by the Ministry of
# Foreign Affairs (外務省), English short titles of the UN.
SDG_GOALS = [
    (1, "貧困をなくそう", "No poverty"),
    (2, "飢餓をゼロに", "Zero hunger"),
    (3, "すべての人に健康と福祉を", "Good health and well-being"),
    (4, "質の高い教育をみんなに", "Quality education"),
    (5, "ジェンダー平等を実現しよう", "Gender equality"),
    (6, "安全な水とトイレを世界中に", "Clean water and sanitation"),
    (7, "エネルギーをみんなに そしてクリーンに", "Affordable and clean energy"),
    (8, "働きがいも経済成長も", "Decent work and economic growth"),
    (9, "産業と技術革新の基盤をつくろう", "Industry, innovation and infrastructure"),
    (10, "人や国の不平等をなくそう", "Reduced inequalities"),
    (11, "住み続けられるまちづくりを", "Sustainable cities and communities"),
    (12, "つくる責任 つかう責任", "Responsible consumption and production"),
    (13, "気候変動に具体的な対策を", "Climate action"),
    (14, "海の豊かさを守ろう", "Life below water"),
    (15, "陸の豊かさも守ろう", "Life on land"),
    (16, "平和と公正をすべての人に", "Peace, justice and strong institutions"),
    (17, "パートナーシップで目標を達成しよう", "Partnerships for the goals"),
]

# The 169 targets: per goal, how many numbered targets and how many lettered
# (means of implementation) targets it has. 1.1–1.5 and 1.a–1.b, and so on.
SDG_TARGET_SHAPE = {
    1: (5, 2), 2: (5, 3), 3: (9, 4), 4: (7, 3), 5: (6, 3), 6: (6, 2), 7: (3, 2), 8: (10, 2),
    9: (5, 3), 10: (7, 3), 11: (7, 3), 12: (8, 3), 13: (3, 2), 14: (7, 3), 15: (9, 3),
    16: (10, 2), 17: (19, 0),
}


@functools.cache
def sdg_target_texts() -> dict[str, str]:
    """Japanese text of every SDG target by code (``"6.3"``), from the vendored translation."""
    texts: dict[str, str] = {}
    for number, line in enumerate(SDG_TARGETS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        code, separator, text = line.partition("\t")
        if not separator or not text.strip() or code in texts:
            raise ValueError(f"{SDG_TARGETS_FILE.name}, line {number}: expected one “code<TAB>text” per target")
        texts[code] = text.strip()
    return texts


def sdg_target_codes(goal: int) -> list[str]:
    numbered, lettered = SDG_TARGET_SHAPE[goal]
    return [f"{goal}.{n}" for n in range(1, numbered + 1)] + [
        f"{goal}.{chr(ord('a') + i)}" for i in range(lettered)
    ]


def load_reference(field_model, activity_type_model, goal_model, target_model) -> None:
    for order, (code, ja, en) in enumerate(FIELDS):
        field_model.objects.update_or_create(
            code=code, defaults={"name_ja": ja, "name_en": en, "sort_order": order}
        )
    for order, (code, ja, en) in enumerate(ACTIVITY_TYPES):
        activity_type_model.objects.update_or_create(
            code=code, defaults={"name_ja": ja, "name_en": en, "sort_order": order}
        )
    for number, ja, en in SDG_GOALS:
        goal, _ = goal_model.objects.update_or_create(
            number=number, defaults={"name_ja": ja, "name_en": en}
        )
        for code in sdg_target_codes(number):
            target_model.objects.get_or_create(code=code, defaults={"goal": goal})
