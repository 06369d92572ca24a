from newsroom.content.richtext import render, word_count


def test_paragraphs_and_line_breaks():
    assert render("One\nline\n\nTwo") == "<p>One<br>\nline</p>\n<p>Two</p>"


def test_numbered_list_in_the_sample_style_stays_a_list():
    html = render("The regime has:\n\n1-Heavily targeting\n\n2-Targeting the school")
    assert "<p>The regime has:</p>" in html
    assert '<ol>\n<li value="1">Heavily targeting</li>' in html
    assert '<li value="2">Targeting the school</li>\n</ol>' in html


def test_bracketed_insertion_is_marked_as_the_editors_words():
    html = render("They withdrew [from the area] at night.")
    assert '<span class="insertion">[from the area]</span>' in html


def test_bold_italic_and_safe_links():
    html = render("**Bold** and *italic* and [our site](https://example.org/a?x=1&y=2)")
    assert "<strong>Bold</strong>" in html
    assert "<em>italic</em>" in html
    assert (
        '<a href="https://example.org/a?x=1&amp;y=2" rel="noopener noreferrer">' in html
    )


def test_markup_and_script_links_are_inert():
    html = render('<script>alert(1)</script> [x](javascript:alert(1)) <b onclick="x">')
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert "<b " not in html


def test_word_count_handles_arabic_and_apostrophes():
    assert word_count("IS’s reinforcements, the regime's planes") == 5
    assert word_count("قال المتحدث إن الهجوم") == 4
