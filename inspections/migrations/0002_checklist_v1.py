"""The first checklist (v1), from the source document's 三、创设标准 (六有, 6+X) and the
service pledge (附件3): weights add up to 100; the three red lines (closed during the
posted hours, plaque missing, a worker refused) open a rectification order by themselves.

The wording is data the aid center edits afterwards (each edit is a new version), so it is
written here in Chinese as an officer would type it, not through the translation catalog.
"""

from decimal import Decimal

from django.db import migrations

# (code, group, label, guidance, weight, red line)
ITEMS = [
    (
        "place",
        "six_standards",
        "有场所",
        "设置一方相对固定的区域，面积3平方米左右，或可用的共享区域",
        3,
        False,
    ),
    ("sign", "six_standards", "有标识", "户外职工在室外能认出站点（铭牌、指引）", 3, False),
    ("staff", "six_standards", "有人员", "明确一名站长，在岗人员知道站点的服务", 3, False),
    ("service", "six_standards", "有服务", "进站户外职工能得到承诺的服务", 3, False),
    ("facilities", "six_standards", "有设施", "配套设施齐全、摆放有序", 3, False),
    ("guarantee", "six_standards", "有保障", "设施能正常使用，经费和管理有落实", 3, False),
    ("air_con", "basic_facilities", "空调", "能正常制冷制热", 4, False),
    ("fridge", "basic_facilities", "冰箱", "能正常使用", 4, False),
    ("microwave", "basic_facilities", "微波炉", "能正常加热餐食", 4, False),
    (
        "water_dispenser",
        "basic_facilities",
        "饮水机（或茶桶等）",
        "有热水和凉水，饮用水卫生",
        4,
        False,
    ),
    ("power_strip", "basic_facilities", "充电排插", "能正常充电，插座安全", 4, False),
    ("tables_chairs", "basic_facilities", "桌椅", "有可供休息的桌椅", 4, False),
    ("wifi", "extra_facilities", "免费wifi", "有免费wifi，密码公示或可询问", 1, False),
    ("first_aid", "extra_facilities", "外伤急救药箱", "药箱在有效期内", 2, False),
    ("newspaper_rack", "extra_facilities", "书报架", "", 1, False),
    (
        "open_toilet",
        "extra_facilities",
        "向户外职工开放卫生间",
        "有条件的站点向户外职工开放",
        2,
        False,
    ),
    ("water", "services", "饮水供给", "", 4, False),
    ("cool_warm", "services", "避暑取暖", "", 4, False),
    ("meal_heating", "services", "餐食加热", "", 4, False),
    ("charging", "services", "手机充电", "", 4, False),
    ("rest_toilet", "services", "休息如厕", "", 4, False),
    ("open_hours", "hours", "在公示的服务时间内开放", "服务时间内站点关闭为红线", 10, True),
    ("plaque_posted", "posted", "铭牌在室外醒目位置悬挂", "铭牌缺失为红线", 6, True),
    ("pledge_posted", "posted", "室内公示服务承诺（服务内容）", "", 3, False),
    ("hotline_posted", "posted", "公示监督投诉电话12351", "", 3, False),
    ("attitude", "attitude", "服务态度热情、主动", "", 5, False),
    ("no_refusal", "attitude", "没有拒绝户外职工进站", "拒绝户外职工为红线", 5, True),
]


def create_v1(apps, schema_editor):
    Checklist = apps.get_model("inspections", "Checklist")
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    if Checklist.objects.filter(version=1).exists():
        return
    assert sum(weight for *_, weight, _red in ITEMS) == 100
    checklist = Checklist.objects.create(
        version=1, note="第一版：依据沪工总基〔2018〕35号“三、创设标准”和服务承诺书"
    )
    ChecklistItem.objects.bulk_create(
        ChecklistItem(
            checklist=checklist,
            code=code,
            group=group,
            label=label,
            guidance=guidance,
            weight=Decimal(weight),
            red_line=red_line,
            position=position,
        )
        for position, (code, group, label, guidance, weight, red_line) in enumerate(ITEMS, 1)
    )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    # Going back needs nothing: unapplying 0001 drops the tables with their rows (and a
    # delete here would trip over checks that were scored on v1).
    operations = [migrations.RunPython(create_v1, migrations.RunPython.noop)]
