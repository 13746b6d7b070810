"""Amended versions of a law with known edits, to measure ``aligner compare`` against.

From a law's text (one block a paragraph, articles labelled 第N条 in order), ``amend`` makes a new
version by deleting, inserting, modifying and moving articles, then numbering the articles again
from 1 and rewriting every cross-reference (依照本法第十二条) to follow. It returns both texts and
the truth: for each article of the new version, the old article it came from (or None) and its
status; and the old articles deleted. ``score`` says what share of them a comparison got right.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from aligner import figures, source
from aligner.compare.match import Unit
from aligner.compare.units import Side, units_of

# Article bodies for inserted articles, written for the tests.
INSERTED = (
    "国家建立健全数据安全保障制度，加强对重要数据的保护，防范数据泄露、篡改和滥用。",
    "县级以上地方人民政府应当将相关工作经费列入本级预算，并对使用情况进行监督检查。",
    "有关单位应当定期开展应急演练，提高突发事件的预防和处置能力，并向社会公布演练情况。",
    "任何组织和个人不得利用职务上的便利，为他人谋取不正当利益，或者泄露在工作中知悉的商业秘密。",
    "对在相关工作中做出显著成绩的单位和个人，按照国家有关规定给予表彰和奖励。",
    "国务院有关部门应当建立信息共享机制，推动跨部门、跨地区的协同监管，提高监管效能。",
    "鼓励社会力量依法参与公益活动，支持行业协会制定自律规范，引导会员诚信经营。",
    "违反本法规定，拒不履行法定义务的，由主管部门责令限期改正；逾期不改正的，处一万元以上五万元以下的罚款。",
)
# Clauses put into a modified article, and words put in place of others.
CLAUSES = ("，并应当及时向社会公开", "，但法律另有规定的除外", "，情节严重的，依法从重处罚", "、行政法规")
WORDS = (("应当", "可以"), ("有关部门", "主管部门"), ("国家", "各级人民政府"), ("规定", "办法"), ("组织", "单位"))


@dataclass
class Article:
    number: int  # its number in the old version; 0 for an inserted one
    blocks: list[str]  # its paragraphs, the first without its label
    status: str = ""  # the edit made to it: "", added, modified, moved


@dataclass
class Amended:
    old: str
    new: str
    truth: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # new label -> (old label, status)
    deleted: list[str] = field(default_factory=list)  # old labels
    edits: dict[str, int] = field(default_factory=dict)


def _articles(sides: list[Side]) -> tuple[list[Side], list[Article], list[Side]] | None:
    """(blocks before the first article, the articles, blocks after) when the articles run 1..N."""
    first = next((k for k, side in enumerate(sides) if side.role == "article"), None)
    if first is None:
        return None
    last = max(k for k, side in enumerate(sides) if side.role == "article")
    articles: list[Article] = []
    for side in sides[first : last + 1]:
        if side.role != "article":
            continue  # chapter headings between articles are dropped from both versions
        number = side.number
        if number is None or number != (len(articles) + 1, 0):
            return None
        lines = side.text.split("\n")
        lines[0] = lines[0][len(side.label) :].lstrip(" \u3000")
        articles.append(Article(number[0], lines))
    return sides[:first], articles, sides[last + 1 :]


def _text(head: list[Side], articles: list[Article], tail: list[Side], numbers: dict[int, int]) -> str:
    """The law's text with its articles numbered 1..N and their cross-references following ``numbers``."""
    mapping = {(old, 0): (new, 0) for old, new in numbers.items()}
    blocks = [side.text for side in head]
    for index, article in enumerate(articles, start=1):
        lines = [figures.renumber_references(line, mapping) for line in article.blocks]
        lines[0] = f"{figures.article_label((index, 0))}　{lines[0]}"
        blocks.extend(lines)
    blocks.extend(side.text for side in tail)
    return "\n\n".join(blocks) + "\n"


def _modify(article: Article, rng: random.Random) -> None:
    line = rng.randrange(len(article.blocks))
    text = article.blocks[line]
    choice = rng.random()
    swaps = [(a, b) for a, b in WORDS if a in text]
    if choice < 0.4 and swaps:
        a, b = rng.choice(swaps)
        article.blocks[line] = text.replace(a, b, 1)
    elif choice < 0.8:
        cut = text.rfind("。")
        cut = cut if cut > 0 else len(text)
        article.blocks[line] = text[:cut] + rng.choice(CLAUSES) + text[cut:]
    else:
        # a part of the text struck out: up to a fifth, a clause at a time
        clauses = text.split("，")
        if len(clauses) > 2:
            del clauses[rng.randrange(1, len(clauses) - 1)]
            article.blocks[line] = "，".join(clauses)
        else:
            article.blocks[line] = text.rstrip("。") + rng.choice(CLAUSES) + "。"


def amend(text: str, *, seed: int, rate: float = 0.08, inserted: tuple[str, ...] = INSERTED) -> Amended | None:
    """A new version of the law ``text`` with about ``rate`` of its articles edited in each way
    (deleted, inserted, modified, moved); None when its articles do not run 1..N."""
    rng = random.Random(seed)
    found = _articles(units_of(source.parse(text, doc_id="law", path="law.txt")))
    if found is None:
        return None
    head, articles, tail = found
    old_text = _text(head, articles, tail, {})
    n = len(articles)
    count = max(1, round(n * rate))
    work = [Article(a.number, list(a.blocks)) for a in articles]
    # Inserted and modified articles take their edits first, so a move never lands on them.
    deleted = set(rng.sample(range(n), min(count, n // 4)))
    survivors = [a for k, a in enumerate(work) if k not in deleted]
    for article in rng.sample(survivors, min(count, len(survivors) // 4)):
        _modify(article, rng)
        article.status = "modified"
    plain = [a for a in survivors if not a.status]
    moves = 0
    for article in rng.sample(plain, min(max(1, count // 2), len(plain) // 6)):
        at = survivors.index(article)
        choices = [k for k in range(len(survivors)) if abs(k - at) >= 4]
        if not choices:
            continue
        survivors.pop(at)
        survivors.insert(rng.choice(choices), article)
        article.status = "moved"
        moves += 1
    pool = list(inserted)
    rng.shuffle(pool)
    for body in pool[:count]:
        survivors.insert(rng.randrange(len(survivors) + 1), Article(0, [body], "added"))
    numbers = {}
    for index, article in enumerate(survivors, start=1):
        if article.number:
            numbers[article.number] = index
    new_text = _text(head, survivors, tail, numbers)
    result = Amended(old_text, new_text)
    result.edits = {"deleted": len(deleted), "modified": count, "moved": moves, "added": len(pool[:count])}
    result.deleted = [figures.article_label((k + 1, 0)) for k in sorted(deleted)]
    mapping = {(old, 0): (new, 0) for old, new in numbers.items()}
    for index, article in enumerate(survivors, start=1):
        label = figures.article_label((index, 0))
        if not article.number:
            result.truth[label] = (None, "added")
            continue
        old_label = figures.article_label((article.number, 0))
        if article.status:
            result.truth[label] = (old_label, article.status)
            continue
        original = articles[article.number - 1].blocks
        renumbered = [figures.renumber_references(line, mapping) for line in original]
        if renumbered != original:
            result.truth[label] = (old_label, "references")
        else:
            result.truth[label] = (old_label, "unchanged" if index == article.number else "renumbered")
    return result


def score(amended: Amended, units: list[Unit]) -> tuple[int, int, list[str]]:
    """(right, total, what was wrong): each new article with the right old one and status, each
    deleted old article deleted."""
    found: dict[str, tuple[str | None, str]] = {}
    deleted: set[str] = set()
    for unit in units:
        if unit.new is not None and unit.new.role == "article":
            found[unit.new.label] = (unit.old.label if unit.old is not None else None, unit.status.value)
        for other in unit.others:
            found.setdefault(other.label, (unit.old.label if unit.old is not None else None, unit.status.value))
        if unit.new is None and unit.old is not None:
            deleted.add(unit.old.label)
    wrong: list[str] = []
    right = 0
    for label, expected in amended.truth.items():
        if found.get(label) == expected:
            right += 1
        else:
            wrong.append(f"{label}: expected {expected}, got {found.get(label)}")
    for label in amended.deleted:
        if label in deleted:
            right += 1
        else:
            wrong.append(f"{label}: expected deleted")
    return right, len(amended.truth) + len(amended.deleted), wrong
