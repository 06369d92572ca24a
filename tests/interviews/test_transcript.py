"""The transcript parser: conventions, encodings, errors, export round trip and
properties.  Pure Python: no database, no Django settings needed."""

import datetime
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from interviews.transcript import (
    MAX_TRANSCRIPT_BYTES,
    MAX_TRANSCRIPT_CHARS,
    Bio,
    Interviewee,
    Segment,
    Transcript,
    TranscriptError,
    decode_transcript,
    parse_transcript,
    render_transcript,
)

HERE = Path(__file__).resolve().parent
TRANSCRIPTS = HERE / "transcripts"
SAMPLE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "samples"
    / "on-the-record-ahrar-spokesman.txt"
)
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def load(name):
    return (TRANSCRIPTS / name).read_text(encoding="utf-8")


def structure(t):
    """Everything but the warnings: what a round trip must keep."""
    data = t.to_json()
    del data["warnings"]
    return data


def all_text(t):
    parts = [t.headline, t.dek, t.series, *t.intro]
    for s in t.segments:
        parts += [s.question, s.answer, s.question_speaker, s.answer_speaker]
    for b in t.bios:
        parts += [b.name, b.bio]
    return "\n".join(p for p in parts if p)


# ------------------------------------------------------------------ the sample


@pytest.fixture
def sample_text():
    if not SAMPLE.exists():
        pytest.skip(f"the shared sample transcript is not there: {SAMPLE}")
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_header_and_intro(sample_text):
    t = parse_transcript(sample_text)
    assert t.series == "On the Record"
    assert t.headline.startswith("IS activity in northern Aleppo")
    assert t.dek is None
    assert t.date == datetime.date(2015, 6, 3)
    assert len(t.intro) == 2
    assert t.intro[0].startswith("Last week, the Islamic State attacked")
    assert t.intro[1].startswith("Ahmed Kara Ali, the spokesperson")
    assert t.bios == []


def test_sample_segments(sample_text):
    t = parse_transcript(sample_text)
    assert len(t.segments) == 3
    first, second, third = t.segments
    assert first.question.startswith("The Syrian regime has faced accusations")
    assert first.answer.startswith("As the rebels were claiming victories")
    assert second.question.startswith("What are the signs or evidence")
    assert second.answer.startswith("We have not observed tangible coordination")
    assert third.question.startswith("Can you clarify how these operations")
    assert third.answer.startswith("IS attacked northern Aleppo")
    for seg in t.segments:
        assert seg.answer[0] not in '“”"'
        assert seg.answer[-1] not in '“”"'
        assert seg.question_speaker is None and seg.answer_speaker is None
    assert first.line < second.line < third.line


def test_sample_numbered_list_stays_in_the_answer(sample_text):
    answer = parse_transcript(sample_text).segments[1].answer
    paragraphs = answer.split("\n\n")
    items = [p for p in paragraphs if p[:2] in ("1-", "2-", "3-", "4-")]
    assert [p[:2] for p in items] == ["1-", "2-", "3-", "4-"]
    assert items[0].startswith("1-Heavily targeting")
    assert items[3].startswith("4-Targeting rebel reinforcement")
    assert answer.endswith("not IS’s reinforcements.")


def test_sample_drops_chrome_teaser_and_reading_time(sample_text):
    t = parse_transcript(sample_text)
    text = all_text(t)
    assert "Share this article" not in text
    assert "[…]" not in text
    assert "min read" not in text
    assert "3 June 2015" not in text
    # each line left out is named in a warning, and nothing else is uncertain
    assert [item.kind for item in t.left_out] == ["reading time", "teaser", "share"]
    assert len(t.warnings) == 3 and all("was left out" in w for w in t.warnings)


def test_sample_suggestions(sample_text):
    t = parse_transcript(sample_text)
    assert t.interviewer == "Ammar Hammou"
    assert t.interviewee is not None
    assert t.interviewee.name == "Ahmed Kara Ali"
    assert t.interviewee.title == "spokesperson"
    assert "Ahrar a-Sham" in t.interviewee.organisation


def test_sample_round_trip(sample_text):
    t = parse_transcript(sample_text)
    assert structure(parse_transcript(render_transcript(t))) == structure(t)


# ------------------------------------------------------------- conventions


def test_house_style_quoted_answers():
    t = parse_transcript(load("house_style.txt"))
    assert t.series == "In Their Words"
    assert t.headline == "Fixing the Old City's pipes ‘one street at a time’"
    assert t.date == datetime.date(2021, 6, 3)
    assert len(t.intro) == 2 and t.intro[0].startswith("Karim Mansour has spent")
    assert [s.question for s in t.segments] == [
        "How did the repairs begin?",
        "What did the crews do next?",
        "Will the queues really end this summer?",
    ]
    plan = t.segments[1].answer
    assert plan.startswith("We made a plan with three stages:")
    assert "\n\n1. Map every pipe" in plan and "\n\n3. Train young people" in plan
    assert "neighbours [in the area], street" in plan  # bracketed insertion kept
    assert "the “Silk Gate” road" in plan  # inner quotes kept
    assert plan.endswith("maintain the new network.")
    assert t.segments[2].answer == (
        "I hope so. But I promise nothing until the last valve is closed."
    )
    assert t.bios == [
        Bio(
            "Nadia Farouk",
            "Nadia Farouk is a reporter based in the Old City who covers housing "
            "and public services.",
            t.bios[0].line,
        )
    ]
    assert "Nadia Farouk is a reporter" not in t.segments[-1].answer
    assert "Tags" not in all_text(t) and "Share this" not in all_text(t)
    assert "[...]" not in all_text(t)
    assert t.interviewer == "Nadia Farouk"
    assert t.interviewee == Interviewee(
        "Karim Mansour", "director", "the Old City Water Board"
    )
    # Only the page furniture, each line named with why it was left out.
    assert t.warnings and all("was left out" in w for w in t.warnings)
    assert {item.kind for item in t.left_out} >= {"reading time", "share"}


def test_q_colon_labels_with_italic_dek_and_bios():
    t = parse_transcript(load("qa_colon.txt"))
    assert t.headline == "The ferry captain who never misses a tide"
    assert t.dek == "A morning on the harbour with the oldest pilot on the coast."
    assert t.series is None
    assert t.date == datetime.date(2022, 6, 3)
    assert t.intro == [
        "Tomas Reyes has worked the harbour ferry for thirty-one years. He told "
        "Amira Saleh about fog, engines and the passengers who still bring him "
        "oranges."
    ]
    assert len(t.segments) == 3
    assert t.segments[1].answer == (
        "Fog. You learn the sound of the bell buoys the way you learn voices.\n\n"
        "On a bad night I count the seconds between the bells: eight, nine, ten."
    )
    assert t.segments[2].answer.endswith("Every spring I say: one more year.")
    assert [b.name for b in t.bios] == ["Amira Saleh"]
    assert t.bios[0].bio.startswith("Amira Saleh is a journalist")
    assert t.bios[0].bio.endswith("She was a fellow at the Harbour Institute.")
    assert t.interviewer == "Amira Saleh"
    assert t.warnings == []


def test_q_dot_labels_with_explicit_headers():
    t = parse_transcript(load("qa_dot.txt"))
    assert (t.headline, t.series, t.dek) == (
        "Night shift at the seed bank",
        "Small Hours",
        None,
    )
    assert t.date == datetime.date(2020, 11, 14)
    assert len(t.intro) == 1
    assert [s.question for s in t.segments] == [
        "How cold are the freezers?",
        "What happens if the power fails?",
        "Which seeds are the most precious?",
    ]
    # a wrapped answer line is joined to its paragraph
    assert t.segments[1].answer == (
        "The generator starts in nine seconds. If it does not start, I call the "
        "engineer and we move the most precious boxes first."
    )


def test_bold_and_underscore_labels():
    t = parse_transcript(load("qa_bold.txt"))
    assert t.headline == "Weaving the market's memory"
    assert [s.question for s in t.segments] == [
        "Why names of shops?",
        "How long does one carpet take?",
        "Who buys them?",
    ]
    assert t.segments[1].answer == "About four months, if my hands are good."
    assert t.segments[2].answer.startswith("Mostly the families")
    assert "**" not in all_text(t) and "__" not in all_text(t)


def test_question_answer_words_with_text_on_the_next_line():
    t = parse_transcript(load("question_answer.txt"))
    assert t.headline == "A librarian on the last card catalogue"
    assert t.intro == []
    assert t.segments[0].question == "Why keep the paper cards at all?"
    assert t.segments[0].answer.startswith("Because forty years")
    assert t.segments[1].answer == (
        "Every Tuesday a retired engineer comes and reads them, drawer by drawer."
        "\n\nHe says he is on the letter M."
    )


def test_q_dash_label():
    t = parse_transcript("Q - Where were you born?\nA - In a village by the sea.\n")
    assert [(s.question, s.answer) for s in t.segments] == [
        ("Where were you born?", "In a village by the sea.")
    ]


def test_speaker_names():
    t = parse_transcript(load("speakers_names.txt"))
    assert t.headline == "Radio Meridian interview with the bridge engineer"
    # "said:" and "10:30" in the intro are not speaker labels
    assert t.intro == [
        "Broadcast at 10:30 on Saturday. The station's note said: the interview "
        "was shortened for time."
    ]
    assert len(t.segments) == 3
    assert {s.question_speaker for s in t.segments} == {"Radio Meridian"}
    assert {s.answer_speaker for s in t.segments} == {"Dawson"}
    assert t.segments[1].question == "Why by hand?"
    assert t.segments[1].answer == (
        "Because the old drawings were wrong. We had to measure each joint "
        "ourselves. Some of them were off by four centimetres."
    )


def test_speaker_initials_and_arabic_kept_intact():
    t = parse_transcript(load("speakers_initials.txt"))
    assert (t.series, t.headline) == (
        "Conversations",
        "The calligrapher of Souq al-Warraqin",
    )
    assert [(s.question_speaker, s.answer_speaker) for s in t.segments] == [
        ("LH", "KM")
    ] * 3
    assert '"الحب صبر"' in t.segments[1].answer


def test_multi_word_speaker_labels_and_series_line_is_not_a_speaker():
    text = (
        "Voices: A nurse on the night ward\n\n"
        "Press TV: How many patients do you see in a night?\n\n"
        "Ahmed Kara Ali: Thirty, sometimes forty.\n\n"
        "Press TV: And how many nurses are there?\n\n"
        "Ahmed Kara Ali: Two. Three when we are lucky.\n"
    )
    t = parse_transcript(text)
    assert (t.series, t.headline) == ("Voices", "A nurse on the night ward")
    assert [(s.question_speaker, s.answer_speaker) for s in t.segments] == [
        ("Press TV", "Ahmed Kara Ali"),
        ("Press TV", "Ahmed Kara Ali"),
    ]


def test_a_single_colon_sentence_is_not_a_speaker_label():
    text = (
        "He said: the ferry will run again in May.\n\n"
        "Why May?\n\n"
        "“Because the new engine arrives in April.”\n"
    )
    t = parse_transcript(text)
    assert t.intro == ["He said: the ferry will run again in May."]
    assert t.segments[0].question == "Why May?"
    assert t.segments[0].answer == "Because the new engine arrives in April."


def test_inconsistent_speaker_labels_warn():
    text = (
        "Radio Meridian: First question?\n"
        "Dawson: First answer.\n"
        "Radio Meridian: Second question?\n"
        "Dr Dawson: Second answer.\n"
        "Radio Meridian: Third question?\n"
        "Dawson: Third answer.\n"
    )
    t = parse_transcript(text)
    assert len(t.segments) == 3
    assert t.segments[1].answer == "Second answer."
    assert any(w.startswith("Line 4:") and "Dr Dawson" in w for w in t.warnings)


def test_dash_and_bullet_questions():
    t = parse_transcript(load("dash_questions.txt"))
    assert t.headline == "The beekeeper on the roof"
    assert t.date == datetime.date(2019, 4, 12)
    assert t.intro == ["Samir Odeh keeps six hives on the roof of a printing house."]
    assert [s.question for s in t.segments] == [
        "Why a roof?",
        "What do the bees eat in the city?",
        "Do the neighbours complain?",
    ]
    assert t.segments[1].answer == (
        "Linden trees in June, and the flower boxes on every balcony.\n\n"
        "The printers say the honey tastes of ink. I think they are joking."
    )


def test_arabic_q_and_a_labels():
    t = parse_transcript(load("arabic_qa.txt"))
    assert t.headline == "المياه في المدينة القديمة"
    assert t.segments[0].question == "كيف تصف وضع المياه في المدينة اليوم؟"
    assert t.segments[1].answer.startswith("أولاً، إصلاح الأنابيب القديمة.")


def test_bio_paragraph_without_a_name_line():
    text = (
        "Q: What do you grow?\nA: Tomatoes and mint.\n\n"
        "Layla Haddad is a translator and editor based in Amman.\n"
    )
    t = parse_transcript(text)
    assert t.segments[0].answer == "Tomatoes and mint."
    assert t.bios == [
        Bio(
            "Layla Haddad", "Layla Haddad is a translator and editor based in Amman.", 4
        )
    ]


def test_several_bios_are_all_extracted():
    text = (
        "Q: Why bees?\nA: They are good neighbours.\n\n"
        "Omar Said\nOmar is a photographer who covers rural life.\n\n"
        "Layla Haddad\n\nShe is a translator based in Amman.\n\n"
        "She was a fellow at the Language Institute.\n"
    )
    t = parse_transcript(text)
    assert t.segments[-1].answer == "They are good neighbours."
    assert [b.name for b in t.bios] == ["Omar Said", "Layla Haddad"]
    assert t.bios[1].bio == (
        "She is a translator based in Amman.\n\n"
        "She was a fellow at the Language Institute."
    )
    assert [b.line for b in t.bios] == [4, 7]


def test_explicit_header_lines_and_interviewer_suggestion():
    text = (
        "Headline: Bread at dawn\n"
        "Series: Small Hours\n"
        "Dek: A baker on the hours nobody sees.\n"
        "Date: 3 June 2015\n"
        "Interviewer: Layla Haddad\n"
        "Translator: Omar Said\n\n"
        "Q: When do you start?\nA: At three.\n"
    )
    t = parse_transcript(text)
    assert (t.headline, t.series, t.dek, t.date) == (
        "Bread at dawn",
        "Small Hours",
        "A baker on the hours nobody sees.",
        datetime.date(2015, 6, 3),
    )
    assert t.intro == []
    assert t.interviewer == "Layla Haddad"
    assert t.warnings == []


@pytest.mark.parametrize(
    "intro, interviewer",
    [
        ("Omar Said tells The Newsroom's Layla Haddad about bread.", "Layla Haddad"),
        ("The baker spoke to Nadia Farouk last week.", "Nadia Farouk"),
        (
            "In an interview with Syria Direct’s Ammar Hammou, he explains.",
            "Ammar Hammou",
        ),
        ("He told reporters nothing.", None),
    ],
)
def test_interviewer_suggestions(intro, interviewer):
    t = parse_transcript(f"{intro}\n\nQ: Why?\nA: Because.\n")
    assert t.interviewer == interviewer


@pytest.mark.parametrize(
    "line",
    [
        "3 June 2015",
        "June 3, 2015",
        "2015-06-03",
        "3 Jun 2015",
        "Wednesday, 3 June 2015",
    ],
)
def test_date_formats(line):
    t = parse_transcript(f"Bread at dawn\n\n{line}\n\nQ: Why?\nA: Because.\n")
    assert t.date == datetime.date(2015, 6, 3)
    assert t.headline == "Bread at dawn"
    assert t.intro == []


def test_a_dek_must_be_marked():
    t = parse_transcript(
        "Bread at dawn\n\nA baker on the hours nobody sees.\n\nQ: Why?\nA: Because.\n"
    )
    assert t.headline == "Bread at dawn"
    assert t.dek is None
    assert t.intro == ["A baker on the hours nobody sees."]
    t = parse_transcript(
        "Bread at dawn\n\nStandfirst: A baker at work.\n\nQ: Why?\nA: Because.\n"
    )
    assert t.dek == "A baker at work."


def test_a_byline_is_not_a_headline_but_suggests_the_interviewer():
    t = parse_transcript("By Layla Haddad\n\nQ: Why?\nA: Because.\n")
    assert t.headline is None
    assert t.intro == []
    assert t.interviewer == "Layla Haddad"
    assert "Line 1: “By Layla Haddad” was left out (byline)." in t.warnings


def test_to_json_keys():
    t = parse_transcript(load("speakers_names.txt"))
    data = t.to_json()
    assert set(data) >= {
        "headline",
        "dek",
        "series",
        "date",
        "intro",
        "segments",
        "bios",
        "warnings",
    }
    assert set(data) <= {
        "headline",
        "dek",
        "series",
        "date",
        "intro",
        "segments",
        "bios",
        "warnings",
        "interviewer",
        "interviewee",
    }
    assert set(data["segments"][0]) == {
        "question",
        "answer",
        "question_speaker",
        "answer_speaker",
    }
    parsed = parse_transcript(load("qa_colon.txt")).to_json()
    assert parsed["date"] == "2022-06-03"
    assert set(parsed["bios"][0]) == {"name", "bio"}


def test_only_questions_labelled():
    text = (
        "Q: Why bees?\nThey are good neighbours.\n\n"
        "Q: Tell me about the roof\n\nIt is flat.\n\nAnd windy."
    )
    t = parse_transcript(text)
    assert [(s.question, s.answer) for s in t.segments] == [
        ("Why bees?", "They are good neighbours."),
        ("Tell me about the roof", "It is flat.\n\nAnd windy."),
    ]


def test_q_labels_with_named_answers_are_speaker_turns():
    t = parse_transcript("Q: Why bees?\nDawson: They are good.\nQ: Where?\nDawson: Up.")
    assert [(s.question, s.answer, s.answer_speaker) for s in t.segments] == [
        ("Why bees?", "They are good.", "Dawson"),
        ("Where?", "Up.", "Dawson"),
    ]
    assert t.segments[0].question_speaker is None  # "Q" is not a name


def test_interviewer_as_a_repeated_speaker_label_is_not_a_header():
    text = (
        "Interviewer: How long have you sung?\n"
        "Mira Sol: Since school.\n"
        "Interviewer: And now?\n"
        "Mira Sol: Every night.\n"
    )
    t = parse_transcript(text)
    assert t.interviewer is None
    # "Interviewer" says who speaks, not who it is: the article's interviewer asks
    assert [(s.question_speaker, s.answer_speaker) for s in t.segments] == [
        (None, "Mira Sol")
    ] * 2
    assert t.interviewee.name == "Mira Sol"


def test_bold_speaker_labels_and_two_guests():
    text = (
        "**Host:** First question?\n\n"  # 1
        "**Anna Berg:** First answer.\n\n"  # 3
        "**Jonas Lind:** Another view.\n\n"  # 5
        "**Host:** Second question?\n\n"
        "**Anna Berg:** Second answer.\n\n"
        "**Jonas Lind:** Agreed.\n"
    )
    t = parse_transcript(text)
    assert [(s.question, s.answer, s.answer_speaker) for s in t.segments] == [
        ("First question?", "First answer.", "Anna Berg"),
        ("", "Another view.", "Jonas Lind"),
        ("Second question?", "Second answer.", "Anna Berg"),
        ("", "Agreed.", "Jonas Lind"),
    ]
    assert t.warnings[0].startswith("Line 5: Jonas Lind answers after Anna Berg")


@pytest.mark.parametrize(
    "answer",
    [
        "“We left at night.\n\n“Every paragraph reopens.\n\n“The last one closes.”",
        "“We left at night.”\n\n“Every paragraph reopens.”\n\n“The last one closes.”",
        "«We left at night.\n\nEvery paragraph reopens.\n\nThe last one closes.»",
        '"We left at night.\n\nEvery paragraph reopens.\n\nThe last one closes."',
    ],
)
def test_quotation_mark_styles(answer):
    t = parse_transcript(f"Why did you leave?\n\n{answer}\n\nWhere to?\n\n“North.”")
    assert [(s.question, s.answer) for s in t.segments] == [
        (
            "Why did you leave?",
            "We left at night.\n\nEvery paragraph reopens.\n\nThe last one closes.",
        ),
        ("Where to?", "North."),
    ]


def test_quoted_intro_sentence_is_not_an_answer():
    text = (
        "A river town\n\n"
        "“We will rebuild,” the mayor said last week.\n\n"
        "Why rebuild?\n\n"
        '"Because people came back. They said "home" and meant it."\n'
    )
    t = parse_transcript(text)
    assert t.intro == ["“We will rebuild,” the mayor said last week."]
    assert t.segments[0].answer == (
        'Because people came back. They said "home" and meant it.'
    )


def test_dash_questions_with_quoted_answers():
    t = parse_transcript("— What happened?\n\n“We left.”\n\n— Then?\n\n“We came back.”")
    assert [(s.question, s.answer) for s in t.segments] == [
        ("What happened?", "We left."),
        ("Then?", "We came back."),
    ]


def test_explicit_bios_section():
    text = (
        "Q: Why bees?\nA: They are good neighbours.\n\n"
        "Bios:\n\n"
        "Omar Said\nOmar Said photographs rural life.\n\n"
        "He lives in Irbid.\n\n"
        "Layla Haddad\n\nLayla Haddad translated this interview.\n"
    )
    t = parse_transcript(text)
    assert t.segments[0].answer == "They are good neighbours."
    assert [(b.name, b.bio) for b in t.bios] == [
        ("Omar Said", "Omar Said photographs rural life.\n\nHe lives in Irbid."),
        ("Layla Haddad", "Layla Haddad translated this interview."),
    ]


def test_explicit_interviewee_header():
    t = parse_transcript(
        "Headline: Bread\nInterviewee: Omar Said, the head of the Bakers’ Union\n\n"
        "Q: Why?\nA: Because.\n"
    )
    assert t.interviewee == Interviewee("Omar Said", "head", "the Bakers’ Union")
    t = parse_transcript("Interviewee: Omar Said | baker\n\nQ: Why?\nA: Because.\n")
    assert t.interviewee == Interviewee("Omar Said", "baker", None)


def test_unrecognised_date_header_warns():
    t = parse_transcript("Headline: Bread\nDate: next Tuesday\n\nQ: Why?\nA: Because.")
    assert t.date is None
    assert t.warnings == [
        "Line 2: the date “next Tuesday” was not recognised; write it like "
        "3 June 2015 or 2015-06-03."
    ]


def test_parse_accepts_bytes():
    data = load("qa_dot.txt").encode("cp1252")
    assert parse_transcript(data).headline == "Night shift at the seed bank"


# --------------------------------------------------------- input and encodings


def test_crlf_bom_nbsp_and_blank_line_runs():
    text = (
        "\ufeffBread at dawn\r\n\r\n\r\n\r\n3\u00a0June 2015\r\n\r\n"
        "Q: When do you start?   \r\nA: At three.\u00a0\r\n\r\n\r\n"
        "Q: Why so early?\rA: The ovens need two hours.\r\n"
    )
    t = parse_transcript(text)
    assert t.headline == "Bread at dawn"
    assert t.date == datetime.date(2015, 6, 3)
    assert [(s.question, s.answer) for s in t.segments] == [
        ("When do you start?", "At three."),
        ("Why so early?", "The ovens need two hours."),
    ]
    assert [s.line for s in t.segments] == [7, 11]


def test_decode_utf8_with_and_without_bom():
    text = load("house_style.txt")
    assert decode_transcript(text.encode("utf-8")) == text
    assert decode_transcript(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode_transcript(text.encode("utf-16")) == text


def test_decode_windows_1256_arabic():
    text = load("arabic_qa.txt")
    data = text.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_transcript(data)
    assert decoded == text
    assert parse_transcript(decoded).segments[0].question.startswith("كيف تصف")


def test_decode_windows_1256_short_arabic_in_english():
    text = "Q: What does the sign say?\nA: It says “مرحبا”, welcome.\n"
    assert decode_transcript(text.encode("cp1256")) == text


def test_decode_cp1252_curly_quotes_and_accents():
    text = (
        "Café talk: The baker’s day\n\n"
        "What time do you start?\n\n"
        "“At three — before the café opens. São Paulo bakers start even earlier.”\n"
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_transcript(data)
    assert decoded == text
    t = parse_transcript(decoded)
    assert t.segments[0].answer.startswith("At three — before the café opens.")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<<>>",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        bytes(range(1, 32)) * 20,
    ],
)
def test_binary_bytes_are_refused(data):
    with pytest.raises(TranscriptError, match="looks binary, not text"):
        decode_transcript(data)


def test_oversized_input_is_refused_with_size_and_limit():
    data = b"Q: Why?\nA: Because.\n" * (MAX_TRANSCRIPT_BYTES // 20 + 1)
    with pytest.raises(TranscriptError) as info:
        decode_transcript(data)
    assert f"{len(data):,}" in info.value.message
    assert f"{MAX_TRANSCRIPT_BYTES:,}" in info.value.message
    text = "x" * (MAX_TRANSCRIPT_CHARS + 1)
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text)
    assert f"{MAX_TRANSCRIPT_CHARS + 1:,}" in info.value.message
    assert f"{MAX_TRANSCRIPT_CHARS:,}" in info.value.message


# ------------------------------------------------------------ errors, warnings


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\ufeff\r\n"])
def test_empty_transcript(text):
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text)
    assert info.value.message == "The transcript is empty."
    assert info.value.line is None
    assert str(info.value) == "The transcript is empty."


def test_no_questions_and_answers_is_a_draft_with_a_warning_not_a_refusal():
    text = (
        "Bread at dawn\n\nThe bakery on Market Street opens at six.\n\n"
        "Its owner has baked there for thirty years.\n"
    )
    t = parse_transcript(text)
    assert t.headline == "Bread at dawn"
    assert t.intro == [
        "The bakery on Market Street opens at six.",
        "Its owner has baked there for thirty years.",
    ]
    assert t.segments == []
    assert any(
        w.startswith("No questions and answers were recognised") for w in t.warnings
    )


def test_question_without_any_answer_is_kept_and_names_the_line():
    t = parse_transcript("Bread at dawn\n\nQ: When do you start?\n")
    assert [(s.question, s.answer) for s in t.segments] == [("When do you start?", "")]
    assert "Line 3: question has no answer; kept as an empty answer." in t.warnings


def test_error_str_with_and_without_line():
    assert str(TranscriptError("Bad.", line=4)) == "line 4: Bad."
    assert str(TranscriptError("Bad.")) == "Bad."
    assert isinstance(TranscriptError("Bad."), ValueError)


def test_warnings_name_the_right_lines():
    text = (
        "Bread at dawn\n"  # 1
        "\n"
        "Q: When do you start?\n"  # 3
        "Q: Why so early?\n"  # 4
        "A: The ovens need two hours.\n"  # 5
        "\n"
        "Q: Do you sleep in the afternoon?\n"  # 7
    )
    t = parse_transcript(text)
    assert [(s.question, s.answer) for s in t.segments] == [
        ("When do you start?", ""),
        ("Why so early?", "The ovens need two hours."),
        ("Do you sleep in the afternoon?", ""),
    ]
    assert [s.line for s in t.segments] == [3, 4, 7]
    assert t.warnings[0].startswith("Line 3: question has no answer")
    assert "line 4" in t.warnings[0]
    assert t.warnings[1] == "Line 7: question has no answer; kept as an empty answer."
    assert any(w.startswith("No date line was found") for w in t.warnings)


def test_unclosed_quotation_warns_with_its_line():
    text = (
        "Bread at dawn\n\n3 June 2015\n\n"
        "When do you start?\n\n"  # 5
        "“At three, every day.”\n\n"  # 7
        "Why so early?\n\n"  # 9
        "“The ovens need two hours\n\n"  # 11
        "and the dough needs more.\n\n"
        "Do you sleep in the afternoon?\n\n"  # 15
        "“Never.”\n"
    )
    t = parse_transcript(text)
    assert [s.question for s in t.segments] == [
        "When do you start?",
        "Why so early?",
        "Do you sleep in the afternoon?",
    ]
    assert t.segments[1].answer == (
        "The ovens need two hours\n\nand the dough needs more."
    )
    assert len(t.warnings) == 1
    assert t.warnings[0].startswith(
        "Line 11: an answer opens a quotation mark that never closes"
    )


def test_unclosed_quotation_at_the_end_warns():
    text = "Why so early?\n\n“The ovens need two hours.\n\nAnd the dough.\n"
    t = parse_transcript(text)
    assert t.segments[0].answer == "The ovens need two hours.\n\nAnd the dough."
    assert any(
        w.startswith("Line 3: an answer opens a quotation mark that never closes")
        for w in t.warnings
    )


def test_missing_date_warns():
    t = parse_transcript("Q: Why?\nA: Because.\n")
    assert t.date is None
    assert any("date" in w for w in t.warnings)


# ----------------------------------------------------------------- export


@pytest.mark.parametrize(
    "name", sorted(p.name for p in TRANSCRIPTS.glob("*.txt")), ids=str
)
def test_round_trip(name):
    t = parse_transcript(load(name))
    exported = render_transcript(t)
    assert structure(parse_transcript(exported)) == structure(t)
    assert exported.splitlines()[0].split(":")[0] in ("Series", "Headline")


def test_round_trip_of_awkward_texts():
    t = Transcript(
        headline="Colons: everywhere",
        dek="A dek.",
        series="Small Hours",
        date=datetime.date(2015, 6, 3),
        intro=["Q: this intro line looks like a question", "3 June 2015", "Bios:"],
        segments=[
            Segment(
                "What happened?\n\nAnd then?",
                "1. First we ran.\n\n2. Then: we hid.\n\nA: not a label\n\n"
                "Share this article!\n\nHeadline: not a header",
                "Radio Meridian",
                "Dawson",
            ),
            Segment("Next?", "Done.\n\nLayla Haddad\n\nLayla is a reporter in Amman."),
        ],
        bios=[],
        warnings=[],
        interviewer="Layla Haddad",
        interviewee=Interviewee("Omar Said", "baker", None),
    )
    exported = render_transcript(t)
    assert "\\Q: this intro line" in exported
    assert structure(parse_transcript(exported)) == structure(t)


def test_export_layout():
    t = parse_transcript(load("qa_colon.txt"))
    exported = render_transcript(t)
    assert exported.startswith(
        "Headline: The ferry captain who never misses a tide\n"
        "Dek: A morning on the harbour with the oldest pilot on the coast.\n"
        "Date: 2022-06-03\n"
    )
    assert "\nQ: When did you first take the wheel?\nA: I was nineteen." in exported
    assert "\n\nBios:\n\nAmira Saleh\nAmira Saleh is a journalist" in exported
    speakers = render_transcript(parse_transcript(load("speakers_names.txt")))
    assert "\nQ (Radio Meridian): Why by hand?\nA (Dawson): Because" in speakers


# -------------------------------------------------------------- properties


@PROPERTY
@given(st.text(max_size=400))
def test_arbitrary_text_only_raises_transcript_error(text):
    try:
        parse_transcript(text)
    except TranscriptError:
        pass


FRAGMENTS = [
    "Q:", "A:", "Q.", "A.", "Q -", "**Q:**", "**A:**", "__Q:__", "__A:__",
    "Question:", "Answer:", "Q (Press TV):", "Press TV:", "Dawson:", "RR:", "KM:",
    "He said:", "10:30", "- ", "– ", "• ", "* ", "1-", "2.", "3)", "“", "”", '"',
    "‘", "’", "«", "»", "„", "[…]", "[...]", "[in the area]", "Share this article!",
    "Tags: water", "Print", "Related", "2 min read", "3 June 2015", "June 3, 2015",
    "2015-06-03", "Series: On the Record", "On the Record: The headline",
    "Headline:", "Dek:", "Date:", "Interviewer:", "Bios:", "Layla Haddad",
    "Layla Haddad is a reporter based in Amman.", "She was a fellow at Oxford.",
    "explains to Syria Direct’s Ammar Hammou", "Omar Said, the head of the union,",
    "المياه في المدينة", "س:", "ج:", "\\", "*", "_", "**", "__", "?", ".", ",",
    "\t", "\u00a0", "\ufeff", "\u2028", "(laughs)", "water", "the", "Old", "Market",
    "bread", "ovens", "why?", "because.",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "", "\n", "\n", "\n\n", "\n\n\n", "\r\n"]


LINE_STARTS = [
    "", "", "", "", "Q:", "A:", "Q.", "A.", "Q -", "**Q:**", "**A:**", "__Q:__",
    "__A:__", "Question:", "Answer:", "Q (Press TV):", "A (Dawson):", "Press TV:",
    "Dawson:", "RR:", "KM:", "He said:", "- ", "– ", "• ", "* ", "1-", "2.", "3)",
    "“", "“", '"', "‘", "«", "„", "\\", "**", "Series:", "Headline:", "Dek:",
    "Date:", "Interviewer:", "Interviewee:", "س:", "ج:", "On the Record:",
]  # fmt: skip
WHOLE_LINES = [
    "Share this article!", "Tags: water", "Print", "Related", "2 min read",
    "3 June 2015", "June 3, 2015", "2015-06-03", "Layla Haddad", "Omar Said",
    "Layla Haddad is a reporter based in Amman.", "She was a fellow at Oxford.",
    "Last week, the bakery […]", "*An italic dek.*", "Bios:", "Interviewee: Omar Said",
]  # fmt: skip
LINE_WORDS = [
    "water", "the", "Old", "Market", "bread", "ovens", "why?", "because.", "“", "”",
    '"', "’", "»", "[in the area]", "(laughs)", "10:30", ":", "?", ".", "…", "[…]",
    "explains to Syria Direct’s Ammar Hammou", "Omar Said, the head of the union,",
    "المياه في المدينة", "\t", "\u00a0", "\ufeff", "\u2028", "1. item", "|",
]  # fmt: skip
LINE_ENDINGS = ["", "", "", "?", ".", "”", '"', "’", "»", "[…]", ":", "**"]
LINE_BREAKS = ["\n", "\n", "\n\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\n \n"]


FLAT_PIECES = st.lists(
    st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS)), max_size=60
)


@st.composite
def flat_texts(draw):
    return "".join(f + s for f, s in draw(FLAT_PIECES))


LINE_SPECS = st.tuples(
    st.integers(0, 5),
    st.sampled_from(WHOLE_LINES),
    st.sampled_from(LINE_STARTS),
    st.lists(st.sampled_from(LINE_WORDS), max_size=6),
    st.sampled_from(LINE_ENDINGS),
    st.sampled_from(LINE_BREAKS),
)


@st.composite
def line_texts(draw):
    out = []
    for kind, whole, start, words, ending, brk in draw(
        st.lists(LINE_SPECS, min_size=1, max_size=18)
    ):
        line = whole if kind == 0 else start + " ".join(words) + ending
        out.append(line + brk)
    return "".join(out)


def grammar_texts():
    return st.one_of(flat_texts(), line_texts())


@PROPERTY
@given(grammar_texts())
# An interviewee header whose "name" is a question: read as a turn, "|" or not.
@example("Share this article!\nInterviewee:why? |\n")
def test_grammar_texts_parse_or_fail_cleanly_and_round_trip(text):
    try:
        t = parse_transcript(text)
    except TranscriptError as error:
        assert error.message == "The transcript is empty."  # only ever refused so
        return
    assert any(s.question and s.answer for s in t.segments) or t.warnings
    assert all(isinstance(w, str) and w for w in t.warnings)
    again = parse_transcript(render_transcript(t))
    assert structure(again) == structure(t)


WORDS = [
    "water", "the", "city", "pipe", "ferry", "seven", "bridge", "Old", "Market",
    "Market:", "Dawson", "said:", "note:", "“quoted”", '"straight"', "[in the area]",
    "(laughs)", "10:30", "2015", "IS’s", "al-Sham", "المياه", "المدينة", "نعم", "—",
    "…", "?", "!", ",", "it’s", "well.", "why?",
]  # fmt: skip
PREFIXES = ["", "", "", "1. ", "2-", "3) ", "- ", "• "]
LABELS = [
    ("Q:", "A:"),
    ("Q.", "A."),
    ("Q -", "A -"),
    ("**Q:**", "**A:**"),
    ("__Q:__", "__A:__"),
    ("Question:", "Answer:"),
    ("Q (Press TV):", "A (Dawson):"),
]


# Strategies are built once: building them inside a composite is what is slow.
PARAGRAPH_SPECS = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=10),
    st.integers(0, 10),
    st.sampled_from(PREFIXES),
)
SEGMENT_SPECS = st.tuples(
    PARAGRAPH_SPECS,
    st.lists(PARAGRAPH_SPECS, min_size=1, max_size=3),
    st.sampled_from([" ", "\n"]),
    st.sampled_from(["\n", "\n\n", "\n\n\n"]),
)


@st.composite
def qa_transcripts(draw):
    counter = itertools.count()

    def paragraph(spec):
        words, position, prefix = spec
        words = list(words)
        words.insert(position % (len(words) + 1), f"zq{next(counter)}x")
        return prefix + " ".join(words)

    q_label, a_label = draw(st.sampled_from(LABELS))
    blocks, expected = [], []
    headline = draw(st.none() | PARAGRAPH_SPECS)
    if headline is not None:
        expected.append(paragraph(headline))
        blocks.append(f"Headline: {expected[-1]}")
    for spec in draw(st.lists(PARAGRAPH_SPECS, max_size=3)):
        blocks.append(paragraph(spec))
        expected.append(blocks[-1])
    for q_spec, a_specs, gap, between in draw(
        st.lists(SEGMENT_SPECS, min_size=1, max_size=4)
    ):
        question = paragraph(q_spec)
        answers = [paragraph(spec) for spec in a_specs]
        blocks.append(f"{q_label}{gap}{question}{between}{a_label} {answers[0]}")
        blocks.extend(answers[1:])
        expected += [question, *answers]
    joiner = draw(st.sampled_from(["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"]))
    return joiner.join(blocks) + "\n", expected


@PROPERTY
@given(qa_transcripts())
def test_no_paragraph_is_lost(case):
    text, expected = case
    t = parse_transcript(text)
    places = [t.headline, t.dek, *t.intro]
    if t.series:
        places.append(f"{t.series}: {t.headline}")
    for s in t.segments:
        places += [s.question, s.answer]
    for b in t.bios:
        places += [b.name, b.bio]
    places += [h.text for h in t.headings]  # subheadings between pairs
    places = [p for p in places if p]
    for paragraph in expected:
        count = sum(place.count(paragraph) for place in places)
        assert count == 1, (paragraph, t.to_json())
