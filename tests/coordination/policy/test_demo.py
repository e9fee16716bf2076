"""The demo carries the seed article's policy framework with the demo projects attached."""

import pytest

from tsunagu.coordination.policy.models import PolicyLink, PolicyNode
from tsunagu.coordination.policy.queries import Framework
from tsunagu.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_framework_names_the_articles_plans_and_counts_shared_projects_once():
    load_demo()
    plan = PolicyNode.objects.get(name_ja="基本構想・基本計画「元気発進！北九州」プラン")
    outline = PolicyNode.objects.get(name_ja="北九州市国際政策推進大綱2011", parent=plan)
    policy = PolicyNode.objects.get(name_ja="世界に貢献し本市の国際競争力を強化する国際協力の推進", parent=outline)
    assert not plan.is_sample and not outline.is_sample and not policy.is_sample
    assert PolicyNode.objects.filter(parent=policy, is_sample=True).count() == 3

    framework = Framework.load()
    children = framework.by_id[policy.pk].children
    linked_below = sum(len(child.project_ids) for child in children)
    # ハイフォン市 下水道・排水管理能力向上プロジェクト serves two measures of this policy: counted once.
    assert framework.by_id[policy.pk].project_count == linked_below - 1
    assert PolicyLink.objects.filter(project__title_ja="ハイフォン市 下水道・排水管理能力向上プロジェクト").count() == 2
    assert PolicyLink.history.filter(history_user__username="suido").exists()
