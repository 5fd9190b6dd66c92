"""Each PDF carries the source document's own wording and the record's data."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from stations.documents.codes import Kind
from stations.models import Audience, Service
from tests.factories import FilingFormFactory, StationFactory

from .helpers import numbered_station, pdf_page_size_mm, pdf_pages, pdf_text, read_file, squash


def test_the_pledge_reproduces_annex_3_filled_with_the_station(make, station, pledge):
    text = pdf_text(read_file(make(Kind.PLEDGE, station)))
    for wording in (
        "附件3",
        "“户外职工爱心接力站”服务承诺书",
        "我单位自愿创设“户外职工爱心接力站”，为所有户外职工提供便利，并做如下服务承诺：",
        "1.站点场所符合要求。创设站点做到因地制宜，设置一方相对固定的区域，面积在3平方米左右",
        "同时在室内相应位置公示服务内容及监督投诉电话：12351（市总工会职工服务热线）",
        "即确保具备6项基本设施：空调、冰箱、微波炉、饮水机（或茶桶等相应设备）、充电排插和桌椅",
        "“暖人心、聚人气、有温度、树形象”的平台阵地",
        "送至户外职工爱心接力站办公室，联系人：左鑫荣，电话：65862324，邮寄地址：西藏中路120号2楼",
    ):
        assert squash(wording) in text, wording
    assert "服务时间为每日8:30-18:00。" in text
    assert "站点编号：SH00001" in text
    assert "站点名称：南京东路支行爱心接力站" in text
    assert "承诺单位：中国工商银行南京东路支行（盖章）或站长签字" in text
    assert "备注：《承诺书》需于7月15日前送至" in text


def test_the_pledge_fits_on_one_a4_page(make, station, pledge):
    data = read_file(make(Kind.PLEDGE, station))
    assert pdf_pages(data) == 1
    assert pdf_page_size_mm(data) == (210, 297)


def test_without_a_pledge_on_file_the_host_unit_and_opening_hours_fill_the_blanks(
    make, station, world
):
    text = pdf_text(read_file(make(Kind.PLEDGE, station)))
    assert f"承诺单位：{world.host_a.name}（盖章）" in text
    assert "服务时间为9:00-17:00。" in text
    due = dt.date(2018, 6, 1) + dt.timedelta(days=settings.PLEDGE_DUE_DAYS)
    assert f"需于{due.month}月{due.day}日前" in text


def test_the_plaque_shows_title_number_hotline_issuers_and_the_public_address(make, station):
    data = read_file(make(Kind.PLAQUE, station))
    text = pdf_text(data)
    assert "户外职工爱心接力站" in text
    assert "编号：SH00001" in text
    # The seed's own words (三、(二)): 服务咨询、监督电话：12351.
    assert "服务咨询、监督电话：12351" in text
    assert "上海市总工会职工服务热线" in text
    for issuer in settings.PARTY_B_NAMES:
        assert issuer in text
    assert f"{settings.PUBLIC_BASE_URL}/stations/SH00001/" in text
    assert pdf_page_size_mm(data) == (400, 300)
    assert pdf_pages(data) == 1
    (settings.BASE_DIR / "test-results").mkdir(exist_ok=True)
    (settings.BASE_DIR / "test-results" / "plaque.pdf").write_bytes(data)


def test_a_sanitation_workers_station_gets_the_sanitation_plaque_title(make, world):
    station = numbered_station(world.filing_a, world.host_a, 7, audience=Audience.SANITATION)
    text = pdf_text(read_file(make(Kind.PLAQUE, station)))
    assert "环卫工人爱心接力站" in text
    assert "户外职工爱心接力站" not in text


def test_the_filing_form_reproduces_annex_1_with_every_station(make, world):
    filing = FilingFormFactory(
        union=world.union_a,
        unit_name="黄浦区总工会",
        head_name="王建国",
        head_email="wang@example.org",
        head_phone="021-63211939",
    )
    for n in range(1, 13):
        StationFactory(
            filing=filing,
            row_number=n,
            name=f"测试站点{n}号",
            address=f"淮海中路{n}号",
            head_mobile=f"139{n:08d}",
            services=[Service.WATER, Service.CHARGING],
            services_other="免费雨具" if n == 3 else "",
            area_m2=3.5,
        )
    data = read_file(make(Kind.FILING_FORM, filing))
    text = pdf_text(data)
    for wording in (
        "附件1",
        "创设“户外职工爱心接力站”备案表",
        "推荐单位名称(区、产业局工会)",
        "推荐站点主要信息(可分页)",
        "服务项目(结合站点实际填写)",
        "(饮水供给、避暑取暖、餐食加热、手机充电、休息如厕、其他服务项目)",
        "计划完成时间",
        "推荐单位负责人签名",
        "推荐单位盖章",
        "备注:1、《备案表》一式三份,其中一份推荐单位自行存档,二份上报市总工会职工援助服务中心;",
        "联系人:吕振栋,电话:65861367;张夏美,电话:63211939-4102",
    ):
        assert squash(wording) in text, wording
    for value in ("黄浦区总工会", "王建国", "wang@example.org", "021-63211939"):
        assert value in text
    for n in range(1, 13):
        assert f"测试站点{n}号" in text
        assert f"淮海中路{n}号" in text
        assert f"139{n:08d}" in text
    assert "饮水供给、手机充电；免费雨具" in text
    assert "2018年10月31日" in text
    assert pdf_page_size_mm(data) == (297, 210)


def test_the_agreement_names_the_parties_counts_and_lists_the_stations(make, agreement, world):
    text = pdf_text(read_file(make(Kind.AGREEMENT, agreement)))
    party_b = "、".join(settings.PARTY_B_NAMES)
    for wording in (
        "附件2",
        "“户外职工爱心接力站”共创协议书",
        "甲方积极参与社会公益活动，主动承担社会责任，与乙方上海市总工会、市绿化和市容管理局共同参与市政府实项目",
        "一、共创目标",
        "二、共创内容",
        "三、有关事项",
        "1.本协议一式四份，甲乙双方及市援助服务中心各执一份。",
        "3.本协议自签订之日起生效。",
    ):
        assert squash(wording) in text, wording
    assert f"甲方：{world.host_a.name}" in text
    assert f"乙方：{party_b}" in text
    assert "门店或单位共计2家设置爱心接力站" in text
    assert text.count("(盖章)") == 2
    assert text.count("责任人(签字)") == 1 + len(settings.PARTY_B_NAMES)
    assert "2018年7月1日" in text
    assert "张行长" in text
    assert "附：共创站点清单（共2家）" in text
    for plaque, name in (("SH00001", "南京东路支行爱心接力站"), ("SH00002", "外滩支行爱心接力站")):
        assert plaque in text
        assert name in text
