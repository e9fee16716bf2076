"""Demo data of the policy framework: Kitakyushu's plans as the seed article names them.

The article gives the basic plan 「元気発進！北九州」プラン (December 2008, with its goal and its
two city brands), the sector plan 北九州市国際政策推進大綱2011 (July 2011, with its goal) and one of
its basic policies, 「世界に貢献し本市の国際競争力を強化する国際協力の推進」. The other basic policies
and the measures under them are invented for the demonstration (``is_sample``), named after the
work the article describes (trainees and expert dispatch, environmental cooperation, the water
business, the East Asian network, multicultural coexistence). The demo projects are attached to
the measures they serve; two projects serve two measures, to show that a node counts each once.

Idempotent: nodes are found by their Japanese name, links by node and project.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from tsunagu.coordination.policy.models import PolicyLink, PolicyNode
from tsunagu.portfolio.models import Project

from . import kitakyushu as story

Level = PolicyNode.Level


@dataclass(frozen=True)
class NodeSpec:
    key: str
    level: str
    name_ja: str
    name_en: str
    parent: str | None = None
    description: str = ""
    adopted_on: datetime.date | None = None
    is_sample: bool = False
    projects: tuple[str, ...] = ()


NODES = (
    NodeSpec(
        "plan", Level.PLAN, "基本構想・基本計画「元気発進！北九州」プラン", "Kitakyushu basic plan “Genki Hasshin! Kitakyushu”",
        description="まちづくりの目標「人と文化を育み、世界につながる、環境と技術のまち」。"
        "「世界の環境首都」と「アジアの技術首都」という2つの都市ブランドの構築を目指す。",
        adopted_on=datetime.date(2008, 12, 1),
    ),
    NodeSpec(
        "outline", Level.OUTLINE, "北九州市国際政策推進大綱2011", "Kitakyushu International Policy Outline 2011",
        parent="plan",
        description="目標：アジアの成長ダイナミズムを取り込んだ地域振興の推進～「世界の環境首都」「アジアの技術首都」の"
        "ブランド力を高め、アジアからの人・物・投資・情報を積極的に取り込んだ地域振興の推進～",
        adopted_on=datetime.date(2011, 7, 1),
    ),
    NodeSpec(
        "cooperation", Level.BASIC_POLICY, "世界に貢献し本市の国際競争力を強化する国際協力の推進",
        "International cooperation that contributes to the world and strengthens the city's competitiveness",
        parent="outline",
        description="発展著しいアジアの中で、本市の強みを活かし、互いに都市の力を補完・強化しながら、"
        "アジア各都市との連携・協力を推進する。",
    ),
    NodeSpec(
        "people", Level.MEASURE, "研修員の受入れと職員の専門家派遣", "Hosting trainees and dispatching city staff as experts",
        parent="cooperation", is_sample=True,
        projects=(
            "自治体職員協力交流事業（LGOTP）研修員の受入（2011年度）",
            "自治体職員協力交流事業（LGOTP）研修員の受入（2019年度）",
            "自治体職員協力交流事業（LGOTP）研修員の受入（2026年度）",
            "昆明市下水道研修団の受入",
            "大連市消防職員の技術研修受入",
            "プノンペン水道公社への技術協力（専門家派遣）",
            "ハイフォン市 下水道・排水管理能力向上プロジェクト",
            "東アジア都市 消防・防災技術交流",
        ),
    ),
    NodeSpec(
        "environment", Level.MEASURE, "環境国際協力とアジアの低炭素化の推進", "Environmental cooperation and a low-carbon Asia",
        parent="cooperation", is_sample=True,
        projects=(
            "アジア低炭素化センターの運営",
            "アジア地域環境ビジネスコーディネーター戦略的育成事業",
            "タイ王国地方自治体における環境保護と観光産業振興の両立を目指す政策立案能力向上のための人材育成事業",
            "OECDグリーン成長都市プログラムへの参加",
            "スラバヤ市 廃棄物管理・低炭素化協力",
            "大連市環境モデル地区計画への協力",
        ),
    ),
    NodeSpec(
        "water", Level.MEASURE, "上下水道技術を活かした海外水ビジネスの展開", "Overseas water business built on the city's water technology",
        parent="cooperation", is_sample=True,
        projects=(
            "カンボジア主要9都市水道基本計画策定コンサルタント業務",
            "ベトナム・ハイフォン市 浄水場改善コンサルタント業務",
            "ベトナム上水道整備コンサルタント業務（民間企業とのコンソーシアム）",
            "コンポンチャム及びバッタンバン上水道拡張計画への協力",
            "カンボジア・シェムリアップ上水道拡張に係る施工監理業務",
            "ハイフォン市 下水道・排水管理能力向上プロジェクト",
        ),
    ),
    NodeSpec(
        "economy", Level.BASIC_POLICY, "アジアの成長を取り込む経済交流の推進", "Economic exchange that draws on Asia's growth",
        parent="outline", is_sample=True,
    ),
    NodeSpec(
        "network", Level.MEASURE, "東アジア都市ネットワークと海外拠点を活かしたビジネス支援",
        "Business support through the East Asian city network and overseas offices",
        parent="economy", is_sample=True,
        projects=(
            "東アジア経済交流推進機構の運営（事務局）",
            "チェリャビンスク市との経済交流（企業ミッション）",
            "駐大連北九州市経済事務所の運営",
            "グリーンアジア国際戦略総合特区による都市環境インフラの海外展開",
            "アジア低炭素化センターの運営",
        ),
    ),
    NodeSpec(
        "coexistence", Level.BASIC_POLICY, "外国人市民が安心して暮らせる多文化共生のまちづくり",
        "A multicultural city where foreign residents live in safety",
        parent="outline", is_sample=True,
    ),
    NodeSpec(
        "youth", Level.MEASURE, "市民・青少年の国際交流の推進", "Citizen and youth exchange",
        parent="coexistence", is_sample=True, projects=("仁川広域市との青少年交流",),
    ),
)


def load_policy_framework(users: dict, report) -> None:
    """Create the nodes and links that are missing (see the module docstring)."""
    author = users["kokusai"]
    existing = {node.name_ja: node for node in PolicyNode.all_objects.filter(name_ja__in=[s.name_ja for s in NODES])}
    nodes: dict[str, PolicyNode] = {}
    for order, spec in enumerate(NODES):
        node = existing.get(spec.name_ja)
        if node is None:
            node = PolicyNode(
                level=spec.level, name_ja=spec.name_ja, name_en=spec.name_en,
                parent=nodes[spec.parent] if spec.parent else None, description=spec.description,
                adopted_on=spec.adopted_on, sort_order=(order + 1) * 10, is_sample=spec.is_sample,
            )
            node.full_clean(exclude=["parent"])
            node._history_user = author
            node._change_reason = story.CHANGE_REASON
            node.save()
            report.created["policy nodes"] += 1
        else:
            report.existing["policy nodes"] += 1
        nodes[spec.key] = node

    wanted = {(nodes[spec.key].pk, title) for spec in NODES for title in spec.projects}
    linked = set(PolicyLink.objects.filter(node__in=nodes.values()).values_list("node_id", "project__title_ja"))
    missing = wanted - linked
    if not missing:  # a second run: two queries in all
        return
    projects = {
        p.title_ja: p
        for p in Project.all_objects.filter(title_ja__in={title for _node, title in missing}).select_related("lead_department")
    }
    # Each link is attributed to an editor of the project's department where the demo has one.
    editors = {}
    for user in users.values():
        for department_id in user.editable_department_ids:
            editors.setdefault(department_id, user)
    for spec in NODES:
        node = nodes[spec.key]
        for title in spec.projects:
            project = projects.get(title)
            if project is None or (node.pk, title) not in missing:
                continue
            link = PolicyLink(node=node, project=project)
            link._history_user = editors.get(project.lead_department_id, author)
            link._change_reason = story.CHANGE_REASON
            link.save()
            report.created["policy links"] += 1
