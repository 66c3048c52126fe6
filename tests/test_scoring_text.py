"""Reading a reply: normalisation with offsets into the original, tokens, sentences, lemmas."""

from __future__ import annotations

import pytest

from simulator.scoring.lemmas import lemma
from simulator.scoring.normalise import normalise
from simulator.scoring.text import Reply, split_word


def tokens(text: str) -> list[tuple[str, str]]:
    """Each token's normalised word and the original text it came from."""
    reply = Reply(text)
    return [(n, text[a:b]) for n, a, b in zip(reply.norms, reply.starts, reply.ends, strict=True)]


def test_ascii_is_lowered_and_needs_no_offset_map() -> None:
    normalised = normalise("Hello World", fold=True)
    assert normalised.value == "hello world"
    assert normalised.starts is None
    assert normalised.original(6, 11) == (6, 11)


def test_curly_quotes_become_straight_and_keep_their_offsets() -> None:
    text = "I’m “sure” it’s fine"
    normalised = normalise(text, fold=True)
    assert normalised.value == "i'm \"sure\" it's fine"
    assert tokens(text) == [
        ("i", "I"), ("am", "’m"), ("sure", "sure"), ("it", "it"), ("is", "’s"), ("fine", "fine"),
    ]


def test_the_fi_ligature_expands_but_maps_back_to_one_character() -> None:
    text = "The ﬁnancial ﬁgures"
    normalised = normalise(text, fold=True)
    assert normalised.value == "the financial figures"
    assert len(normalised.value) == len(text) + 2
    assert tokens(text) == [("the", "The"), ("financial", "ﬁnancial"), ("figures", "ﬁgures")]


def test_fullwidth_letters_fold_to_ascii() -> None:
    text = "ＳＯＲＲＹ, truly"
    assert tokens(text) == [("sorry", "ＳＯＲＲＹ"), ("truly", "truly")]


def test_combining_accent_composes_with_the_letter_before_it() -> None:
    text = "cafe\u0301 au lait"
    assert tokens(text) == [("café", "cafe\u0301"), ("au", "au"), ("lait", "lait")]


def test_case_folding_that_lengthens_maps_back() -> None:
    text = "Die Straße ist lang"
    normalised = normalise(text, fold=True)
    assert normalised.value == "die strasse ist lang"
    assert tokens(text)[1] == ("strasse", "Straße")


def test_plain_copy_keeps_case_but_straightens_quotes() -> None:
    normalised = normalise("It’s ＯＫ", fold=False)
    assert normalised.value == "It's OK"
    assert normalised.original(5, 7) == (5, 7)


def test_lone_surrogates_become_replacement_characters() -> None:
    assert normalise("a\ud800b", fold=False).value == "a\ufffdb"


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("don't", [("do", 0, 2), ("not", 2, 5)]),
        ("can't", [("can", 0, 2), ("not", 2, 5)]),
        ("won't", [("will", 0, 2), ("not", 2, 5)]),
        ("cannot", [("can", 0, 3), ("not", 3, 6)]),
        ("i'm", [("i", 0, 1), ("am", 1, 3)]),
        ("you're", [("you", 0, 3), ("are", 3, 6)]),
        ("we've", [("we", 0, 2), ("have", 2, 5)]),
        ("i'd", [("i", 0, 1), ("would", 1, 3)]),
        ("it's", [("it", 0, 2), ("is", 2, 4)]),
        ("let's", [("let", 0, 3), ("us", 3, 5)]),
        ("manager's", [("manager", 0, 9)]),
        ("o'clock", [("o'clock", 0, 7)]),
        # Typed without the apostrophe, read as written with it; words in their own right
        # ("its", "ill", "were") are left alone.
        ("dont", [("do", 0, 2), ("not", 2, 4)]),
        ("whats", [("what", 0, 4), ("is", 4, 5)]),
        ("im", [("i", 0, 1), ("am", 1, 2)]),
        ("its", [("its", 0, 3)]),
        ("ill", [("ill", 0, 3)]),
        ("were", [("were", 0, 4)]),
        ("plain", [("plain", 0, 5)]),
    ],
)
def test_contractions_split_as_spoken(word: str, parts: list[tuple[str, int, int]]) -> None:
    assert split_word(word) == parts


def test_hyphens_and_punctuation_separate_words() -> None:
    assert [n for n, _ in tokens("A follow-up (soon), e.g. today.")] == [
        "a", "follow", "up", "soon", "e.g.", "today",
    ]


def test_word_count_counts_written_words() -> None:
    assert Reply("I don't think it's late.").words == 5
    assert Reply("").words == 0
    assert Reply("?!  ...").words == 0


def test_sentences_split_on_stops_questions_and_newlines() -> None:
    text = "Mr. Smith said 3.5 times, e.g. daily. Really?! Yes\nand no"
    reply = Reply(text)
    assert [(text[slice(*s.span)], s.question) for s in reply.sentences] == [
        ("Mr. Smith said 3.5 times, e.g. daily.", False),
        ("Really?!", True),
        ("Yes", False),
        ("and no", False),
    ]
    assert reply.sentence_of == [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3]


def test_clauses_split_at_commas_and_dashes() -> None:
    reply = Reply("No, I'm sorry - truly; it was late")
    assert reply.clause_of == [0, 1, 1, 1, 2, 3, 3, 3]


def test_a_question_sentence_spans_its_question_mark_and_closing_quote() -> None:
    text = 'She asked "why?" Then left.'
    reply = Reply(text)
    assert [text[slice(*s.span)] for s in reply.sentences] == ['She asked "why?"', "Then left."]


@pytest.mark.parametrize(
    "family",
    [
        "apologise apologised apologising apologises apologies apology apologize apologized "
        "apologizing apologizes",
        "blame blames blamed blaming",
        "dismiss dismisses dismissed dismissing",
        "assume assumes assumed assuming",
        "worry worries worried worrying",
        "concern concerns concerned concerning",
        "notice notices noticed noticing",
        "stop stops stopped stopping",
        "colour colours coloured color colors colored",
        "behaviour behavior behaviours",
        "analyse analysed analyze analyzed analysing analyzing",
        "travelled traveled travelling traveling",
        "dialogue dialog dialogues",
        "centre center",
        "defence defense",
        "judgement judgment",
    ],
)
def test_inflections_and_spellings_share_one_key(family: str) -> None:
    keys = {lemma(word) for word in family.split()}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("just", "justice"),
        ("assume", "assumption"),
        ("cute", "cut"),
        ("hope", "hop"),
        ("hoping", "hopping"),
        ("note", "not"),
        ("news", "new"),
        ("is", "i"),
        ("this", "thi"),
        ("care", "car"),
        ("your", "yor"),
    ],
)
def test_different_words_keep_different_keys(a: str, b: str) -> None:
    assert lemma(a) != lemma(b)


def test_short_words_digits_and_apostrophes_are_left_alone() -> None:
    assert [lemma(w) for w in ("was", "has", "yes", "40s", "o'clock")] == [
        "was", "has", "yes", "40s", "o'clock",
    ]
