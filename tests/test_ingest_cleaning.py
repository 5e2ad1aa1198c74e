"""Cleaning: what is not article content never reaches the extractor."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from quizapp.ingest import read_article
from quizapp.ingest.cleaning import (
    clean_text,
    recase_shouted_name,
    split_glued_headline,
    split_paragraphs,
    split_shouted_kicker,
    strip_shouted_label,
)
from quizapp.ingest.published import split_dateline

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "The city council of Bergen approved the new harbor budget after a long debate on Tuesday."


def texts(cleaned) -> list[str]:
    return [p.text for p in cleaned.paragraphs]


@pytest.mark.parametrize(
    "furniture",
    [
        "You can read more at the link.",
        "Read more at the link.",
        "Share this article",
        "What do you think?",
        "COMMENT",
        "Filed under:",
        "Tags: Norway, Harbors",
        "Translated by Ingrid Solberg",
        "By Tor Halvorsen",
        "Contact: newsroom@example.org",
        "Call our desk at +47 555 12 345",
        "Do you have a tip? Write to our editors:",
        "Support our journalism by becoming a member today. We depend on you.",
        "____________",
        "©",
        "By Lin Haoran (Harbour Daily)",
        "Home > News > Norway > Harbors",
        "You are here: :: ::",
        "(C) All rights reserved.",
        "Copyright 2004 Bergen Harbour Gazette",
        "'); //--> Loading Top Headlines...",
        "(01 Aug 04 | Business )",
        "Bergen ferry fares rise again (Mar 5, '04)",
        "Email this story to a friend | Printable Version",
        "Harbour Gazette Staff Writers",
        "Norland Radio business reporter",
        "Search Harbour Gazette",
        "From: Norland Radio",
        "Reuters",
    ],
)
def test_boilerplate_is_removed(furniture):
    cleaned = clean_text(f"{BODY}\n\n{furniture}\n\nThe budget doubles spending on the old fish market.")
    assert texts(cleaned) == [BODY, "The budget doubles spending on the old fish market."]


def test_repeated_caption_kept_once_without_credit_and_marked_aside():
    caption = "Mayor Kari Dahl, left, opens the fish market in Bergen on May 3, 2022. (Reuters)"
    cleaned = clean_text(f"{caption}\n\n{caption}\n\n{BODY}")
    assert texts(cleaned) == ["Mayor Kari Dahl, left, opens the fish market in Bergen on May 3, 2022.", BODY]
    assert cleaned.paragraphs[0].aside and not cleaned.paragraphs[1].aside
    assert "(Reuters)" not in cleaned.paragraphs[0].text


def test_photo_credit_is_stripped_from_a_caption():
    cleaned = clean_text(
        f"Fishermen unload cod at dawn in the old port. Photo courtesy of Lars Eide/Port Archive\n\n{BODY}"
    )
    assert cleaned.paragraphs[0].text == "Fishermen unload cod at dawn in the old port."
    assert cleaned.paragraphs[0].aside


def test_a_long_paragraph_that_mentions_a_picture_is_text_not_a_caption():
    # A page saved without line breaks is one long paragraph; one "pictured" in it must not hide all of it.
    long_text = " ".join([BODY] * 8) + " The harbour master, pictured in 1980, opened the new quay in Bergen."
    cleaned = clean_text(f"{long_text}\n\nThe budget doubles spending on the old fish market.")
    assert cleaned.paragraphs[0].text == long_text
    assert not cleaned.paragraphs[0].aside


def test_source_tag_after_a_paragraph_is_stripped_but_not_a_caption():
    cleaned = clean_text(f"{BODY}  [Bergen Daily]")
    assert texts(cleaned) == [BODY]
    assert not cleaned.paragraphs[0].aside


def test_headlines_between_paragraphs_become_titles():
    cleaned = clean_text(
        f"Council Approves Harbor Budget\n\n{BODY}\n\nA Market Reborn\n\nThe budget doubles spending on the market."
    )
    assert cleaned.headlines == ["Council Approves Harbor Budget", "A Market Reborn"]
    assert cleaned.leading_headline == "Council Approves Harbor Budget"
    assert "A Market Reborn" not in " ".join(texts(cleaned))


def test_pull_quote_repeating_the_text_is_dropped():
    quote = "“We will rebuild the market stone by stone,” the mayor said."
    long_paragraph = f"The council met for six hours. {quote} The vote passed by a wide margin after the debate ended."
    cleaned = clean_text(f"{long_paragraph}\n\n“We will rebuild the market stone by stone,” the mayor said.\n\n{BODY}")
    assert texts(cleaned) == [long_paragraph, BODY]


def test_dateline_gives_the_date_and_stands_apart():
    cleaned = clean_text(f"Bergen Daily bigBergen Daily, Bergen, 4 May 2022 — {BODY}")
    assert cleaned.dateline is not None and cleaned.dateline.date == dt.date(2022, 5, 4)
    assert cleaned.paragraphs[0].aside
    assert cleaned.paragraphs[1].text == BODY


@pytest.mark.parametrize(
    ("paragraph", "date"),
    [
        ("Havana, 1 August 2024 — The talks began.", dt.date(2024, 8, 1)),
        ("WASHINGTON, March 3, 2021 (Reuters) - The talks began.", dt.date(2021, 3, 3)),
        ("Oslo, 2024-06-02 — The talks began.", dt.date(2024, 6, 2)),
        ("June 2, 2024 The talks began.", dt.date(2024, 6, 2)),  # a bare date run into the first sentence
    ],
)
def test_dateline_forms(paragraph, date):
    dateline = split_dateline(paragraph)
    assert dateline is not None and dateline.date == date
    assert dateline.rest == "The talks began."


@pytest.mark.parametrize(
    ("paragraph", "line"),
    [
        ("NAIROBI, Kenya (AP) — The talks began.", "NAIROBI, Kenya (AP)"),
        ("Goma - The talks began.", "Goma"),  # title case: a place, a spaced dash, the news
        ("Port Alder, Varna — The talks began.", "Port Alder, Varna"),
    ],
)
def test_datelines_without_a_date(paragraph, line):
    dateline = split_dateline(paragraph)
    assert dateline is not None and dateline.date is None
    assert (dateline.line, dateline.rest) == (line, "The talks began.")


@pytest.mark.parametrize(
    "paragraph",
    [
        "Kari Dahl, the mayor, said the market - a landmark - would reopen.",
        "Goma - a town on the lake - was calm.",  # a spaced dash before lower case is an aside, not a dateline
        "Goma-Gisenyi Border Post reopened on Monday.",
        "June 2, 2024 was the day the talks began.",  # a date that is the sentence's subject
        "On June 2, 2024 The Times reported the talks.",
    ],
)
def test_not_a_dateline(paragraph):
    assert split_dateline(paragraph) is None


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = (
        "The council of Bergen voted on Tuesday to rebuild the old fish market, which\n"
        "burned down in a fire last winter, and to widen the quay for cruise ships that\n"
        "dock there every summer."
    )
    assert split_paragraphs(wrapped) == [" ".join(wrapped.split())]


def test_fixture_article_is_cleaned_end_to_end():
    article = read_article(FIXTURES / "harbor-festival.txt")
    assert article.title == "Harbor Towns Sign Historic Fishing Pact"
    assert article.published == dt.date(2024, 3, 12)
    assert "A New Chapter for the Coast" in article.headlines
    for furniture in [
        "Tags:",
        "Read more",
        "Share this",
        "Translated by",
        "newsdesk@",
        "member",
        "(Reuters)",
        "A New Chapter",
    ]:
        assert furniture not in article.text
    assert article.text.count("shakes hands") == 1  # the repeated caption, once
    caption_start = article.text.index("Norwegian Minister")
    assert article.in_aside(caption_start)
    assert not article.in_aside(article.text.index("Park Ji Hoon, a 47-year-old"))


def test_lines_with_links_and_follow_appeals_are_removed():
    cleaned = clean_text(
        f"{BODY}\n\nFollow our coverage of Norway at https://news.example/norway\n\nSee www.example.org for the full list"
    )
    assert texts(cleaned) == [BODY]


def test_agency_dateline_without_a_date_stands_apart():
    cleaned = clean_text(f"BERGEN, Norway (AP) — {BODY}")
    assert cleaned.paragraphs[0].aside and cleaned.paragraphs[0].text.startswith("BERGEN, Norway (AP)")
    assert cleaned.paragraphs[1].text == BODY


def test_published_line_gives_the_date_and_media_labels_are_handled():
    cleaned = clean_text(
        "Image source, Lens Agency\n\nImage caption, The old quay in Bergen at dawn\n\n"
        f"Published 5 March 2023\n\nUpdated 7 March 2023 10:15 GMT\n\n{BODY}"
    )
    assert cleaned.published == dt.date(2023, 3, 5)
    assert texts(cleaned) == ["The old quay in Bergen at dawn.", BODY]
    assert cleaned.paragraphs[0].aside


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "A New Chapter for the CoastThe town council met on Monday to vote.",
            ("A New Chapter for the Coast", "The town council met on Monday to vote."),
        ),
        (
            "SUPPORT OUR NEWSROOMOur reporters cover the harbor every day.",
            ("SUPPORT OUR NEWSROOM", "Our reporters cover the harbor every day."),
        ),
        ("Sony Interactive Entertainment PlayStation sales rose in Japan.", None),
        ("He met PlayStation executives in Tokyo on Monday.", None),
        ("The iPhone maker said YouTube was growing fast in Europe.", None),
    ],
)
def test_headline_glued_to_its_paragraph(paragraph, expected):
    assert split_glued_headline(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "EXPECTED HARBOUR REFORMS Ferries to Bergen will run every hour from May.",
            ("EXPECTED HARBOUR REFORMS", "Ferries to Bergen will run every hour from May."),
        ),
        (
            "MONEY FOR SKARVIK: HARBOUR The harbour of Skarvik has received a grant of $2 million.",
            ("MONEY FOR SKARVIK: HARBOUR", "The harbour of Skarvik has received a grant of $2 million."),
        ),
        ("NATO and EU leaders met in Bergen on Monday to talk about the harbour.", None),
        ("NEW DELHI, Dec. 29 (UPI) -- The harbour reopened on Monday.", None),
    ],
)
def test_a_shouted_heading_run_into_its_text_is_split_off(paragraph, expected):
    assert split_shouted_kicker(paragraph) == expected


def test_glued_headline_leaves_the_text():
    cleaned = clean_text(f"{BODY}\n\nA Market RebornThe budget doubles spending on the market.")
    assert "A Market Reborn" in cleaned.headlines
    assert texts(cleaned) == [BODY, "The budget doubles spending on the market."]


def test_summary_line_repeated_in_the_body_is_kept_once_and_an_opening_summary_is_an_aside():
    summary = "Bergen is the first Norwegian city known to have banned cruise ships since 2019."
    body_copy = "Bergen is the first Norwegian city to have banned cruise ships since 2019."
    article_text = f"Harbor town bans cruise ships.\n\n{summary}\n\n{BODY}\n\n{body_copy}"
    cleaned = clean_text(article_text)
    assert texts(cleaned) == ["Harbor town bans cruise ships.", summary, BODY]


def test_opening_summary_sentence_is_the_title_and_not_quizzed(tmp_path):
    path = tmp_path / "summary.txt"
    path.write_text(f"Harbor town bans cruise ships.\n\n{BODY}\n")
    article = read_article(path)
    assert article.title == "Harbor town bans cruise ships"
    assert article.in_aside(0) and not article.in_aside(article.text.index("The city council"))


def test_a_pull_quote_with_a_word_changed_is_dropped_too():
    long_paragraph = (
        "The council met for six hours on the plan. We will rebuild the old market stone by stone and "
        "open it by spring, the mayor said. The vote passed by a wide margin after the debate ended."
    )
    pull_quote = "We will rebuild the old market stone by stone and open it by summer, the mayor said."
    cleaned = clean_text(f"{long_paragraph}\n\n{pull_quote}\n\n{BODY}")
    assert texts(cleaned) == [long_paragraph, BODY]


def test_finding_repeats_compares_each_paragraph_with_a_few_others_not_all(monkeypatch):
    """Cleaning a long text must not compare every paragraph with every other (a 1 MB article took minutes)."""
    from quizapp.ingest import cleaning

    calls = 0

    class CountingFuzz:
        @staticmethod
        def ratio(*args, **kwargs):
            nonlocal calls
            calls += 1
            return cleaning.fuzz_module.ratio(*args, **kwargs)

        @staticmethod
        def partial_ratio(*args, **kwargs):
            nonlocal calls
            calls += 1
            return cleaning.fuzz_module.partial_ratio(*args, **kwargs)

    monkeypatch.setattr(cleaning, "fuzz_module", cleaning.fuzz, raising=False)
    monkeypatch.setattr(cleaning, "fuzz", CountingFuzz)
    count = 1500
    rng = random.Random(7)
    syllables = ["ka", "lo", "mir", "ten", "sa", "vu", "ro", "pe", "di", "nal", "gor", "bi"]
    vocabulary = sorted({"".join(rng.choices(syllables, k=4)) for _ in range(20_000)})
    paragraphs = [" ".join(rng.choices(vocabulary, k=14)).capitalize() + "." for _ in range(count)]
    repeated = paragraphs[10]
    cleaned = clean_text("\n\n".join([*paragraphs, repeated]))
    assert len(cleaned.paragraphs) == count  # the repeat is still found
    assert calls <= 20 * count  # comparing every pair made over a million


def paragraph_texts(text: str) -> list[str]:
    return [p.text for p in clean_text(text).paragraphs]


def test_a_live_blogs_entry_times_are_taken_off_its_paragraphs():
    paragraphs = paragraph_texts(
        "Rescue live: the latest from the harbour.\n\n"
        "14.29 Harbour officials hope to raise the ferry before the tide turns.\n\n"
        "9:05pm GMT Divers from Norland reached the wreck at dusk.\n\n"
        "11am: The harbour master opens the briefing.\n\n"
        "The ferry carried 212 passengers."
    )
    assert "Harbour officials hope to raise the ferry before the tide turns." in paragraphs
    assert "Divers from Norland reached the wreck at dusk." in paragraphs
    assert "The harbour master opens the briefing." in paragraphs


def test_one_paragraph_opening_with_a_figure_is_no_live_blog():
    text = "The council met on Tuesday.\n\n12.50 Euros was the fare the council set for the ferry."
    paragraphs = paragraph_texts(text)
    assert "12.50 Euros was the fare the council set for the ferry." in paragraphs


def test_wiki_markup_left_in_a_copied_page_is_taken_off():
    paragraphs = paragraph_texts(
        "Harbour of Skarvik\n\n"
        ", seen from the old fort in 1910.]] The harbour of Skarvik was dredged in 1902.\n\n"
        "It was rebuilt by [[Norland Harbour Board|the harbour board]] after the storm "
        "[[File:Storm.jpg|thumb|The storm of 1913]] of 1913."
    )
    assert "The harbour of Skarvik was dredged in 1902." in paragraphs
    assert "It was rebuilt by the harbour board after the storm of 1913." in paragraphs
    assert not any("[[" in p or "]]" in p for p in paragraphs)


def test_image_file_names_a_wiki_dump_leaves_before_a_paragraph_are_taken_off():
    paragraphs = paragraph_texts(
        "Harbour of Skarvik\n\n"
        "Skarvik_harbour_1910.JPG Old_fort,_Skarvik.jpg The harbour of Skarvik was dredged in 1902.\n\n"
        "The report on the new quay is kept in the file quay.jpg at the town hall."
    )
    assert "The harbour of Skarvik was dredged in 1902." in paragraphs
    # A file name inside a sentence is the sentence's own word.
    assert "The report on the new quay is kept in the file quay.jpg at the town hall." in paragraphs


def test_a_flattened_page_keeps_its_text_and_loses_only_the_furniture_sentences():
    # A page whose paragraphs were joined into one block: an address or an appeal inside it must not take
    # the whole article away, only the sentence it stands in.
    story = " ".join(
        [
            "The harbour board of Bergen voted on Tuesday to rebuild the old fish market by 2027.",
            "Membership clubs on the quay, such as the rowing club, keep their berths.",
            "advertisement The board's chair, Kari Dahl, said the market would reopen in stages.",
        ]
        * 3
    )
    furniture = "Publishers wishing to reproduce photographs should e-mail pictures@example.org"
    cleaned = clean_text(f"{story} {furniture}")
    [paragraph] = texts(cleaned)
    assert paragraph.startswith("The harbour board of Bergen voted")
    assert "example.org" not in paragraph and "advertisement" not in paragraph
    assert "Membership clubs on the quay" in paragraph


def test_a_long_paragraph_keeps_a_sentence_opening_with_by_and_a_name_after_an_abbreviation():
    # "By comparison, ..." is no byline, and the full stop of "Mount St." ends no sentence: neither piece of
    # "By comparison, when Mount St. Helens erupted ..." is furniture.
    paragraph = (
        "The old volcano of Skarvik last erupted some 650,000 years ago and released about 1,000 km3 of rock, "
        "covering a large part of Norland in up to two metres of ash and debris that buried the valleys below. "
        "By comparison, when Mount St. Helens erupted in 1980, it released about 1.2 km3 of rock. "
        "By Dr. Lund's estimate the next eruption of the old volcano would bury the harbour of Bergen as well."
    )
    assert texts(clean_text(paragraph)) == [paragraph]


def test_a_byline_in_capitals_is_still_a_byline():
    cleaned = clean_text(f"By Kari Dahl\n\n{BODY}")
    assert texts(cleaned) == [BODY]


def test_a_date_on_its_own_line_is_the_pages_stamp_not_a_title():
    cleaned = clean_text(f"Tuesday, January 4, 2005; Page A01\n\n{BODY}")
    assert cleaned.published == dt.date(2005, 1, 4)
    assert texts(cleaned) == [BODY] and not cleaned.headlines


def test_a_short_sentence_about_reporters_is_no_byline():
    cleaned = clean_text(f"{BODY}\n\nThe mayor of Bergen spoke to reporters.")
    assert texts(cleaned) == [BODY, "The mayor of Bergen spoke to reporters."]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "2006 SEASON On March 14, 2006, the Skarvik Rovers signed the striker Ansel Brekke.",
            "On March 14, 2006, the Skarvik Rovers signed the striker Ansel Brekke.",
        ),
        (
            "OBITUARY The founder of the Skarvik ferry line, Marta Dahl, died on Monday aged 82.",
            "The founder of the Skarvik ferry line, Marta Dahl, died on Monday aged 82.",
        ),
        ("NATO leaders met in Bergen on Monday to talk about the harbour.", None),
        ("NASA Administrator Ansel Brekke visited the harbour of Skarvik in 2004.", None),
        ("UNICEF The agency", None),  # too little text after it to be a sentence
        # A page flattened to one paragraph runs its section labels and kickers into the text after a full stop.
        (
            "The ferry line reopened in May. OBITUARY Marta Dahl, 82, the founder of the line, died on Monday.",
            "The ferry line reopened in May. Marta Dahl, 82, the founder of the line, died on Monday.",
        ),
        (
            "LABOR Dockers' Union President Marta Dahl is not surprised by the vote in Skarvik.",
            "Dockers' Union President Marta Dahl is not surprised by the vote in Skarvik.",
        ),
        (
            'The harbour reopened in May." MONEY FOR SKARVIK: HARBOUR The harbour of Skarvik got a grant of $2 million.',
            'The harbour reopened in May." The harbour of Skarvik got a grant of $2 million.',
        ),
        ("The harbour reopened. NASA Administrator Ansel Brekke visited the harbour of Skarvik in 2004.", None),
        ("Ansel Brekke moved to the U.S. NATO leaders met him in Bergen on Monday that year.", None),
    ],
)
def test_a_shouted_section_label_run_into_its_sentence_comes_off(paragraph, expected):
    assert strip_shouted_label(paragraph) == (expected or paragraph)


def test_cleaning_takes_a_section_label_off_its_paragraph():
    cleaned = clean_text(
        "Skarvik Rovers\n\n2006 SEASON On March 14, 2006, the Skarvik Rovers signed the striker Ansel Brekke.\n\n"
        "The club was founded in 1901 by dockers of the harbour.\n"
    )
    assert cleaned.paragraphs[0].text.startswith("On March 14, 2006")
    assert "2006 SEASON" not in cleaned.headlines


@pytest.mark.parametrize(
    ("paragraph", "title", "expected"),
    [
        # The run is the title, or part of it: the title's own casing, small words and all.
        (
            "The SKARVIK FERRY LINE was founded in 1901.",
            "Skarvik ferry line",
            "The Skarvik ferry line was founded in 1901.",
        ),
        (
            "The 1998 6 HOURS OF SKARVIK was an endurance race held at the harbour circuit.",
            "1998 6 Hours of Skarvik",
            "The 1998 6 Hours of Skarvik was an endurance race held at the harbour circuit.",
        ),
        ("A DOCKER'S SONG is a play by Marta Dahl.", "A Docker's Song", "A Docker's Song is a play by Marta Dahl."),
        (
            "SKARVIK: THE HARBOUR GAME is a card game made in Bergen.",
            "Skarvik: The Harbour Game",
            "Skarvik: The Harbour Game is a card game made in Bergen.",
        ),
        # Not the title: title case, in the lead's first sentence only.
        (
            "ANSEL MARIUS BREKKE (born 1947), known as Ansel Dahl, is a singer. He sang MORNING TIDE in 1970.",
            "Ansel Dahl",
            "Ansel Marius Brekke (born 1947), known as Ansel Dahl, is a singer. He sang MORNING TIDE in 1970.",
        ),
        (
            "OLAF II HALVORSEN, known as OLAF THE STOUT, was a king of Skarvik from 1101 to 1130.",
            "Olaf of Skarvik",
            "Olaf II Halvorsen, known as Olaf the Stout, was a king of Skarvik from 1101 to 1130.",
        ),
        # One word in capitals: only a one-word title (a plural of it too).
        (
            "SKARVIK (Skarvig in old maps) is a town in Norway.",
            "Skarvik",
            "Skarvik (Skarvig in old maps) is a town in Norway.",
        ),
        ("FERRIES of the BRF line are painted blue.", "Ferry", None),
        ("SEALS are common at SKARVIK.", "Seal", "Seals are common at SKARVIK."),
        # Acronyms stay as they are.
        ("NATO UN talks were held in Bergen in 1999.", "Bergen talks", None),
        ("AD 750 saw the first market at Skarvik.", "Skarvik", None),
        ("The NASA JPL team landed a probe in 2004.", None, None),
    ],
)
def test_a_lead_s_name_in_capitals_is_written_as_a_reader_writes_it(paragraph, title, expected):
    assert recase_shouted_name(paragraph, title) == (expected or paragraph)


def test_reading_an_encyclopedia_page_recases_its_shouted_name_in_the_lead_only(tmp_path):
    path = tmp_path / "skarvik.md"
    path.write_text(
        "---\ntitle: Skarvik ferry line\n---\n\nThe SKARVIK FERRY LINE is a ferry service in Norway. It was founded "
        "by dockers of the harbour in 1901.\n\nIts BLUE FLAG ROUTE opened in 1950 between Skarvik and Bergen.\n"
    )
    article = read_article(path)
    assert article.text.startswith("The Skarvik ferry line is a ferry service in Norway.")
    assert "Its BLUE FLAG ROUTE opened" in article.text


def test_a_shouted_name_keeps_the_title_s_words_and_its_lower_case_inside_a_sentence():
    # The title writes "BRF" in capitals: a word of it keeps the title's casing in a longer run.
    assert (
        recase_shouted_name("GROUP B OF THE 1998 BRF CUP was played in Bergen in May 1998.", "1998 BRF Cup Group B")
        == "Group B of the 1998 BRF Cup was played in Bergen in May 1998."
    )
    # "The HARBOUR SEAL" inside a sentence: lower case when the article itself writes "harbour seal" so.
    later = "The harbour seal breeds on the skerries of Skarvik."
    assert (
        recase_shouted_name("The HARBOUR SEAL is a seal of the northern coasts.", "Harbour seal", later)
        == "The harbour seal is a seal of the northern coasts."
    )
    assert (
        recase_shouted_name("The SKARVIK HARBOUR is a port.", "Skarvik Harbour", "Skarvik Harbour grew.")
        == "The Skarvik Harbour is a port."
    )
