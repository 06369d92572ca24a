"""Header lines that hold two things at once: a byline beside a date, a Hijri date
fused to its era letter, a menu bar above the headline, an Arabic series label."""

from interviews.transcript import parse_transcript

QA = "\n\nQ: How long have you worked here?\nA: Eleven years, since the spring.\n"


def test_a_byline_beside_a_date_gives_the_date_and_leaves_the_byline_out():
    data = parse_transcript(
        "Two sisters and their stand\n\nBy Hadi Nasr | October 2, 2020" + QA
    ).to_json()
    assert data["headline"] == "Two sisters and their stand"
    assert data["date"] == "2020-10-02"
    assert data["intro"] == []
    assert any("By Hadi Nasr" in w for w in data["warnings"])


def test_a_posted_line_with_a_staff_byline_gives_the_date():
    data = parse_transcript(
        "The clockmaker\n\nPosted on 8 January 2022 by The City Courier staff" + QA
    ).to_json()
    assert data["date"] == "2022-01-08"
    assert data["intro"] == []


def test_hijri_and_gregorian_with_era_letters_fused_to_the_years():
    data = parse_transcript(
        "راعٍ في البادية\n\n١٤ ذو الحجة ١٤٤٣هـ - ١٣ يوليو ٢٠٢٢م" + QA
    )
    assert data.to_json()["date"] == "2022-07-13"


def test_a_menu_bar_above_the_headline_is_left_out():
    data = parse_transcript(
        "Home | News | Features | Opinion\n\nA lighthouse keeper\n\n5 March 2024" + QA
    ).to_json()
    assert data["headline"] == "A lighthouse keeper"
    assert any("Home | News" in w for w in data["warnings"])


def test_an_arabic_series_label_names_the_series_not_the_headline():
    data = parse_transcript(
        "سلسلة: وجوه من المدينة\n\nمصلح الدراجات في الميناء\n\n5 أيار/مايو 2022" + QA
    ).to_json()
    assert data["series"] == "وجوه من المدينة"
    assert data["headline"] == "مصلح الدراجات في الميناء"
    assert data["date"] == "2022-05-05"


def test_a_newsletter_sign_up_line_after_the_interview_is_left_out():
    data = parse_transcript(
        "The baker\n\n9 Feb 2023" + QA + "\nSign up to our weekly newsletter\n"
    ).to_json()
    assert data["segments"][-1]["answer"] == "Eleven years, since the spring."
    assert any("newsletter" in w for w in data["warnings"])


def test_an_arabic_publication_date_label_is_read():
    data = parse_transcript("صانع صابون\n\nتاريخ النشر: 4 ديسمبر 2022" + QA)
    assert data.to_json()["date"] == "2022-12-04"


def test_labels_run_together_in_one_paragraph_are_separate_turns():
    data = parse_transcript(
        "A lifeguard\n\n8 August 2023\n\nQ: How many rescues? A: Four, all tourists. "
        "Q: What do swimmers ignore? A: The red flag. It is not there for fun."
    ).to_json()
    assert [(s["question"], s["answer"]) for s in data["segments"]] == [
        ("How many rescues?", "Four, all tourists."),
        ("What do swimmers ignore?", "The red flag. It is not there for fun."),
    ]


def test_an_answer_quoting_a_label_is_not_split_without_a_question_label():
    data = parse_transcript("Q: What did the sign say?\nA: It said. A: nothing.\n")
    assert data.to_json()["segments"][0]["answer"] == "It said. A: nothing."


def test_dashed_statements_are_questions_answered_on_the_next_line():
    data = parse_transcript(
        "A locksmith\n\n27 May 2021\n\n- Describe a normal day.\nTwenty calls.\n\n"
        "- Your advice for readers.\nLeave a key with a neighbour.\n"
    ).to_json()
    assert [(s["question"], s["answer"]) for s in data["segments"]] == [
        ("Describe a normal day.", "Twenty calls."),
        ("Your advice for readers.", "Leave a key with a neighbour."),
    ]


def test_a_label_inside_an_answer_stays_when_turns_have_their_own_lines():
    data = parse_transcript(
        "Q: What did the card say?\nA: It was a quiz. Q: Capital? A: Damascus.\n\n"
        "Q: Did you win?\nA: No.\n"
    ).to_json()
    assert [s["answer"] for s in data["segments"]] == [
        "It was a quiz. Q: Capital? A: Damascus.",
        "No.",
    ]
