"""Shanghai's recommending units: the 16 district unions and the industry (局/产业) unions.

Data, not code: a city that reuses the portal edits these rows in the admin site.
"""

from __future__ import annotations

from django.db import migrations

DISTRICT_UNIONS = [
    ("huangpu", "黄浦区总工会", "黄浦区"),
    ("xuhui", "徐汇区总工会", "徐汇区"),
    ("changning", "长宁区总工会", "长宁区"),
    ("jingan", "静安区总工会", "静安区"),
    ("putuo", "普陀区总工会", "普陀区"),
    ("hongkou", "虹口区总工会", "虹口区"),
    ("yangpu", "杨浦区总工会", "杨浦区"),
    ("minhang", "闵行区总工会", "闵行区"),
    ("baoshan", "宝山区总工会", "宝山区"),
    ("jiading", "嘉定区总工会", "嘉定区"),
    ("pudong", "浦东新区总工会", "浦东新区"),
    ("jinshan", "金山区总工会", "金山区"),
    ("songjiang", "松江区总工会", "松江区"),
    ("qingpu", "青浦区总工会", "青浦区"),
    ("fengxian", "奉贤区总工会", "奉贤区"),
    ("chongming", "崇明区总工会", "崇明区"),
]

# 市绿化市容行业工会 is named in the source document (section 二): it files the
# sanitation-only stations (环卫工人爱心接力站).
INDUSTRY_UNIONS = [
    ("greening", "上海市绿化市容行业工会"),
    ("finance", "上海市金融工会"),
    ("construction", "上海市建设交通工会"),
    ("education", "上海市教育工会"),
    ("health", "上海市卫生健康工会"),
    ("commerce", "上海市商贸旅游工会"),
    ("postal", "上海市邮政快递行业工会"),
    ("telecom", "上海市信息通信行业工会"),
]


def load(apps, schema_editor):
    Union = apps.get_model("unions", "Union")
    order = 0
    for code, name, district in DISTRICT_UNIONS:
        order += 1
        Union.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": "district", "district": district, "sort_order": order},
        )
    for code, name in INDUSTRY_UNIONS:
        order += 1
        Union.objects.update_or_create(
            code=code, defaults={"name": name, "kind": "industry", "sort_order": order}
        )


def unload(apps, schema_editor):
    Union = apps.get_model("unions", "Union")
    codes = [c for c, *_ in DISTRICT_UNIONS] + [c for c, _ in INDUSTRY_UNIONS]
    Union.objects.filter(code__in=codes, host_units__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("unions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
