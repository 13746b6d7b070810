"""The English sentence splitter: formal prose, quotations, list markers, wrapped lines."""

from __future__ import annotations

import pytest

from aligner.bitext import english


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The rate rose 3.5 percent in No. 5 district. It fell later.",
            ["The rate rose 3.5 percent in No. 5 district.", "It fell later."],
        ),
        (
            "Mr. Smith met Dr. Li in the U.S. on Jan. 5. They agreed.",
            ["Mr. Smith met Dr. Li in the U.S. on Jan. 5.", "They agreed."],
        ),
        (
            "He said: “We know the tasks are arduous. But we can meet them.” Then he left.",
            ["He said: “We know the tasks are arduous.", "But we can meet them.”", "Then he left."],
        ),
        (
            "The “Belt and Road” plan works. It’s China’s idea.",
            ["The “Belt and Road” plan works.", "It’s China’s idea."],
        ),
        ("II. Increasing the Efficiency of Conservation", ["II. Increasing the Efficiency of Conservation"]),
        ("1. Optimizing In-situ Conservation", ["1. Optimizing In-situ Conservation"]),
        ("They are friends. “Real results” matter.", ["They are friends.", "“Real results” matter."]),
        ("“Real results” matter. So do friends.", ["“Real results” matter.", "So do friends."]),
        ("I.Building a Community", ["I.Building a Community"]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in english.split(text)] == expected


def test_paragraphs_and_wrapped_lines() -> None:
    text = (
        "Preface\n\nBiodiversity refers to the variety of living species in their natural environments and the\n"
        "aggregate of the related ecological processes. It is measured on three levels.\n"
        "I. Harmony Between Humanity and Nature\nA short line.\n"
    )
    sentences = english.split(text)
    assert [(s.paragraph, s.first, s.text) for s in sentences] == [
        (1, True, "Preface"),
        (
            2,
            True,
            "Biodiversity refers to the variety of living species in their natural environments and the "
            "aggregate of the related ecological processes.",
        ),
        (2, False, "It is measured on three levels."),
        (3, True, "I. Harmony Between Humanity and Nature"),
        (4, True, "A short line."),
    ]
    assert sentences[1].line == 3


def test_presplit_lines_and_blank_lines() -> None:
    sentences = english.presplit("One.\nTwo.\n\n\nThree.\n")
    assert [(s.text, s.paragraph, s.first, s.line) for s in sentences] == [
        ("One.", 1, True, 1),
        ("Two.", 1, False, 2),
        ("Three.", 2, True, 5),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Why did you come?” she asked. “To see you,” he replied.",
            ["“Why did you come?” she asked.", "“To see you,” he replied."],
        ),
        ('"Go!" said Mr. Smith. The crowd laughed.', ['"Go!" said Mr. Smith.', "The crowd laughed."]),
        ("Tom shouted: “Stop!” and ran. Then it rained.", ["Tom shouted: “Stop!” and ran.", "Then it rained."]),
        ("He said, “It is good.” Then he left.", ["He said, “It is good.”", "Then he left."]),
    ],
)
def test_speech_verbs_and_closing_quotes_stay_with_their_sentence(text: str, expected: list[str]) -> None:
    assert english.sentences_of(text) == expected


def test_presplit_counts_lines_at_newlines_only() -> None:
    # Line numbers must agree with the source's, which end lines at \n only (not at U+2028 or NEL).
    sentences = english.presplit("He came.\u2028He saw.\nHe left.\n")
    assert [(s.text, s.line) for s in sentences] == [("He came.\u2028He saw.", 1), ("He left.", 2)]
