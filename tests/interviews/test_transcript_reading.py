"""What the importer reads around the questions: dates in every common form, page
furniture, who asked and who answered, and the roles the preview shows."""

import datetime

import pytest

from interviews.transcript import Interviewee, parse_transcript
from interviews.transcript.dates import dateline_date, parse_date
from interviews.transcript.furniture import furniture_kind
from interviews.transcript.roles import assemble, blocks_of

QA = "\n\nQ: Why?\nA: Because.\n"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("3 June 2015", (2015, 6, 3)),
        ("Tuesday, June 3, 2015", (2015, 6, 3)),
        ("Published: Wed 3rd Jun. 2015", (2015, 6, 3)),
        ("Posted on 3 June 2015 at 10:30 GMT", (2015, 6, 3)),
        ("2015-06-03", (2015, 6, 3)),
        ("03/06/2015", (2015, 6, 3)),
        ("06/23/2015", (2015, 6, 23)),  # the day cannot be 23rd month: US order
        ("٣ حزيران ٢٠١٥", (2015, 6, 3)),
        ("الأربعاء ٣ يونيو ٢٠١٥", (2015, 6, 3)),
        ("نُشر في: ٣ أيار ٢٠١٥", (2015, 5, 3)),
        ("Monday 4 Ramadan 1444 AH / 27 March 2023", (2023, 3, 27)),
        ("الإثنين ٤ رمضان ١٤٤٤ هـ الموافق ٢٧ آذار ٢٠٢٣", (2023, 3, 27)),
        ("Recorded 14 October 2021", (2021, 10, 14)),
        ("٣ حزيران/يونيو ٢٠١٥", (2015, 6, 3)),
        ("2015/06/03", (2015, 6, 3)),
        ("Tuesday 3 June 2015 10:30 BST", (2015, 6, 3)),
        ("Updated: June 3rd, 2015 at 10:30 a.m.", (2015, 6, 3)),
    ],
)
def test_date_lines_in_every_common_form(line, date):
    assert parse_date(line) == datetime.date(*date)


@pytest.mark.parametrize(
    "line", ["London 3 June 2015", "We met on 3 June 2015 in the market.", "Q: 2015?"]
)
def test_a_sentence_with_a_date_is_not_a_date_line(line):
    assert parse_date(line) is None


def test_datelines_fused_to_the_first_sentence():
    assert dateline_date("ALEPPO, March 3, 2019 — The family") == datetime.date(
        2019, 3, 3
    )
    assert dateline_date("دمشق – ١٥ آب ٢٠٢٢: أشعلت العائلة") == datetime.date(
        2022, 8, 15
    )
    assert dateline_date("The family met on March 3, 2019 — and") is None


def test_the_interview_date_not_the_photo_captions():
    t = parse_transcript(
        "Glass again\n\nALEPPO, March 3, 2019 — The Hamwi family lit a furnace.\n\n"
        "Photo: the furnace, 12 February 2019." + QA
    )
    assert t.date == datetime.date(2019, 3, 3)
    assert any("(photo caption or credit)" in w for w in t.warnings)


FURNITURE = """Site Name
Home
News
Interviews

Home > News > Interviews

4 min read

The ferryman who stayed

By Layla Haddad

3 June 2015

Photo credit: Local Media Centre

Share on Facebook | Share on X

Layla Haddad spoke to Samir Aziz, a ferryman on the lower river.

Q: Why did you stay?
A: Someone has to row.

[pullquote]
Someone has to row.
[/pullquote]

Continue reading

Related: Bridges of the lower river

Q: And tomorrow?
A: Tomorrow I row again.

Print

Independent journalism since 2012

Read more: The ferry timetable explained […]
"""


def test_page_furniture_is_left_out_and_listed():
    t = parse_transcript(FURNITURE)
    assert t.headline == "The ferryman who stayed"
    assert t.date == datetime.date(2015, 6, 3)
    assert t.intro == [
        "Layla Haddad spoke to Samir Aziz, a ferryman on the lower river."
    ]
    assert [(s.question, s.answer) for s in t.segments] == [
        ("Why did you stay?", "Someone has to row."),
        ("And tomorrow?", "Tomorrow I row again."),
    ]
    kinds = {item.kind for item in t.left_out}
    assert kinds >= {
        "menu", "breadcrumb", "reading time", "byline", "photo", "share", "shortcode",
        "continue reading", "related", "print", "tagline",
    }  # fmt: skip
    assert len(t.warnings) == len(t.left_out)  # one warning each, with its line
    assert t.interviewer == "Layla Haddad"
    assert t.interviewee == Interviewee("Samir Aziz", "ferryman", None)


@pytest.mark.parametrize(
    ("intro", "interviewer", "interviewee"),
    [
        ("Karim Mansour spoke to Abu Khaled, a baker in Hanano.", "Karim Mansour",
         "Abu Khaled"),
        ("Rania Odeh, the head teacher of the school, told Salma Yousef why.",
         "Salma Yousef", "Rania Odeh"),
        ("Samir Aziz tells The Newsroom's Ahmad Rifai why he stayed.", "Ahmad Rifai",
         "Samir Aziz"),
        ("Writer Leila Azmeh grew up in Aleppo. Sara Bitar interviewed her.",
         "Sara Bitar", "Leila Azmeh"),
        ("تحدث كريم منصور إلى أبو خالد، وهو خباز في حلب.", "كريم منصور", "أبو خالد"),
        ("قال بسام الحلبي، أمين سر النقابة، لعمر صالح إن المعلمين غادروا.", "عمر صالح",
         "بسام الحلبي"),
    ],
)  # fmt: skip
def test_who_asked_and_who_answered(intro, interviewer, interviewee):
    t = parse_transcript(f"A headline\n\n3 June 2015\n\n{intro}{QA}")
    assert t.interviewer == interviewer
    assert t.interviewee.name == interviewee


def test_recording_timestamps_and_initials_after_full_names():
    t = parse_transcript(
        "[00:00:05] Lina Haddad: When did you start?\n\n"
        "[00:00:09] Tariq Nasser: In 1979.\n\n"
        "[00:01:12] LH: And now?\n\n[00:01:15] TN: Still here.\n\n"
        "[00:02:00] LH: Why?\n\n[00:02:03] TN: Habit.\n"
    )
    assert [(s.question, s.answer) for s in t.segments] == [
        ("When did you start?", "In 1979."),
        ("And now?", "Still here."),
        ("Why?", "Habit."),
    ]
    assert {s.question_speaker for s in t.segments} == {"Lina Haddad"}
    assert t.interviewer == "Lina Haddad" and t.interviewee.name == "Tariq Nasser"
    assert "The recording timestamps opening 6 lines were left out." in t.warnings


def test_every_paragraph_has_a_role_and_the_roles_give_the_transcript_back():
    t = parse_transcript(FURNITURE)
    blocks = blocks_of(t)
    roles = [b.role for b in blocks]
    # the page's furniture above the intro first, in its order, then the article
    assert roles[: roles.index("headline")] == ["omit"] * 9
    assert [b.line for b in blocks[:9]] == sorted(b.line for b in blocks[:9])
    assert roles[9:12] == ["headline", "intro", "question"]
    assert {b.role for b in blocks} == {
        "headline",
        "intro",
        "question",
        "answer",
        "omit",
    }
    assert assemble(blocks, t).to_json() == t.to_json()
    for block in blocks:
        if block.text == "And tomorrow?":
            block.role = "answer"  # one click: the second question joins the answer
    again = assemble(blocks, t)
    assert [s.question for s in again.segments] == ["Why did you stay?"]
    assert again.segments[0].answer == (
        "Someone has to row.\n\nAnd tomorrow?\n\nTomorrow I row again."
    )


def test_a_statement_asked_between_alternating_questions_and_answers():
    t = parse_transcript(
        "Running a library\n\n27 January 2021\n\n"
        "How do you light the reading room?\n\nBy the windows, from nine to three.\n\n"
        "You lend books without cards.\n\n"
        "We write each name in a notebook, and nobody has stolen a book yet.\n\n"
        "Who built the shelves?\n\nA teacher, from old doors.\n\n"
        "What do the children read?\n\nComics first, then their brothers' books.\n"
    )
    assert [s.question for s in t.segments] == [
        "How do you light the reading room?",
        "You lend books without cards.",
        "Who built the shelves?",
        "What do the children read?",
    ]
    assert "Line 9: read as a question without a question mark" in t.warnings[-1]


def test_a_one_exchange_paste_is_a_pair_not_a_header():
    # The desk's editor splits pasted blocks with the same parser.
    for text, speakers in [
        ("Q: Why did you stay?\nA: Someone had to.", (None, None)),
        ("Interviewer: Why did you stay?\n\nGuest: Someone had to.", (None, None)),
        ("Why did you stay?\n\nSomeone had to.", (None, None)),
        ("Dawson: Why did you stay?\n\nRowe: Someone had to.", ("Dawson", "Rowe")),
    ]:
        t = parse_transcript(text)
        assert t.headline is None and t.intro == [], text
        assert [(s.question, s.answer) for s in t.segments] == [
            ("Why did you stay?", "Someone had to.")
        ], text
        first = t.segments[0]
        assert (first.question_speaker, first.answer_speaker) == speakers


def test_an_editors_insertion_in_brackets_is_not_a_shortcode():
    t = parse_transcript(
        "Q: Where?\nA: Near the mill.\n\n[in the area]\n\nWe stayed.\n\n"
        "Q: And then?\nA: We left [for the city] in May.\n"
    )
    assert t.segments[0].answer == "Near the mill.\n\n[in the area]\n\nWe stayed."
    assert t.left_out == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share on Facebook | Share on X | Email", "share"),
        ("Home > News > Interviews", "breadcrumb"),
        ("Photo credit: Local Media Centre", "photo"),
        ("Related: Bridges of the lower river", "related"),
        ("اقرأ أيضاً: طلاب يقدمون امتحاناتهم في الخيام", "related"),
        ("Leave a Reply", "page"),
        ("Next article: The river pilot", "page"),
        ("٥ دقائق قراءة", "reading time"),
        ("Interview by Hiba Saad. Translated from Arabic by Omar Saleh.", "credit"),
        ("© 2022 The Levant Observer. All rights reserved.", "tagline"),
        ("Next year we will build a school.", None),
        ("[in the area]", None),
        ("Print the leaflets, he told us.", None),
    ],
)
def test_furniture_kinds(line, kind):
    assert furniture_kind(line) == kind


def test_an_editors_note_is_intro_above_the_questions_and_left_out_below():
    note = "This interview has been edited for length and clarity."
    t = parse_transcript(f"A headline\n\n{note}\n\nQ: Why?\nA: Because.\n\n{note}\n")
    assert t.intro == [note]
    assert t.segments[-1].answer == "Because."
    assert [item.kind for item in t.left_out] == ["note"]


def test_only_one_sides_turns_labelled():
    answers_labelled = parse_transcript(
        "The stationmaster\n\n3 March 2020\n\n"
        "Tell me how many trains stop here.\n\nHamdan: Four in the morning.\n\n"
        "Describe the ticket office\n\nHamdan: A stamp, a drawer and a stove.\n\n"
        "You miss the noise.\n\nHamdan: A station should be loud.\n"
    )
    assert [(s.question, s.answer) for s in answers_labelled.segments] == [
        ("Tell me how many trains stop here.", "Four in the morning."),
        ("Describe the ticket office", "A stamp, a drawer and a stove."),
        ("You miss the noise.", "A station should be loud."),
    ]
    assert {s.answer_speaker for s in answers_labelled.segments} == {"Hamdan"}
    questions_labelled = parse_transcript(
        "Newsroom: How many trains stop here?\n\nFour in the morning.\n\n"
        "Newsroom: Who sells the tickets?\n\nI do.\n\nAnd my son on Fridays.\n"
    )
    assert [(s.question, s.answer) for s in questions_labelled.segments] == [
        ("How many trains stop here?", "Four in the morning."),
        ("Who sells the tickets?", "I do.\n\nAnd my son on Fridays."),
    ]
