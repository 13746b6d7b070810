"""Metadata segments read under canonical keys: the seed's table, colon forms, a white paper's date."""

from __future__ import annotations

import pytest

from aligner import metadata, segment, source
from aligner.model import Kind
from tests.conftest import DOCS, SEED


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("[ 索引号 ] 11500000MB15895317/2021-00319 [ 发文字号 ]", {"index": "11500000MB15895317/2021-00319"}),
        ("[ 成文日期 ] 2021-12-06 [ 发布日期 ] 2021-12-07", {"written": "2021-12-06", "published": "2021-12-07"}),
        ("[ 发布机构 ] 市科技局", {"issuer": "市科技局"}),
        ("[ 主题分类 ] 科技、教育 [ 体裁分类 ] 公文", {"subject": "科技、教育"}),
        ("发文机关：国务院", {"issuer": "国务院"}),
        ("发文字号：国发〔2019〕1号", {"number": "国发〔2019〕1号"}),
        ("标　　题：国务院关于印发…的通知", {"title": "国务院关于印发…的通知"}),
        ("成文日期: 2019年01月24日", {"written": "2019年01月24日"}),
        ("（2021年11月）", {"published": "2021年11月"}),
        ("第707号", {"number": "第707号"}),
        ("[ 发文字号 ]", {}),  # an empty field is no field
        ("为了促进科技成果转化为现实生产力：制定本法。", {}),  # a colon in a sentence is no label
        ("1996年5月15日 第八届全国人民代表大会常务委员会第十九次会议通过", {}),
    ],
)
def test_parse(text: str, fields: dict[str, str]) -> None:
    assert metadata.parse(text) == fields


def test_seed_table_read_once() -> None:
    segments = segment.segment(source.read(SEED))
    found = metadata.collect(s.text for s in segments if s.kind is Kind.METADATA)
    assert found == {
        "issuer": "市科技局",
        "written": "2021-12-06",
        "published": "2021-12-06",
        "index": "11500000MB15895317/2021-00319",
        "subject": "科技、教育",
    }


def test_importer_fields_come_first_and_are_normalised() -> None:
    imported = {"发文机关": "国务院办公厅", "source_url": "https://www.gov.cn/x.htm", "date": "2019-01-24", "n": 3}
    found = metadata.collect(["[ 发布机构 ] 市科技局", "发文字号：国办发〔2019〕5号"], imported)
    assert found == {
        "issuer": "国务院办公厅",
        "number": "国办发〔2019〕5号",
        "published": "2019-01-24",
        "url": "https://www.gov.cn/x.htm",
    }


def test_regulation_order_number() -> None:
    segments = segment.segment(source.read(DOCS / "07_gov_regulation_iit_2018.txt"))
    assert metadata.collect(s.text for s in segments if s.kind is Kind.METADATA) == {"number": "第707号"}


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021-12-06", "2021-12-06"),
        ("2021年11月", "2021-11"),
        ("（2021年1月5日）", "2021-01-05"),
        ("2019.3.5", "2019-03-05"),
        ("无", ""),
    ],
)
def test_dates_sort_as_iso(text: str, iso: str) -> None:
    assert metadata.iso_date(text) == iso
