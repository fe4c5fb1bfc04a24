from fanshelf.analysis.analyzer import analyze
from fanshelf.analysis.similarity import (
    IdfTable,
    WorkProfile,
    cosine,
    similar,
    term_frequencies,
    tfidf_vector,
    work_profile,
)

from .conftest import STORIES_DIR

WORKS = {
    "daleks": "The Daleks rolled across Skaro. Davros laughed as the Daleks screamed exterminate.",
    "skaro": "On Skaro the Doctor met Davros again, and the Daleks guarded the city of Skaro.",
    "baking": "Clara baked a soufflé in the kitchen. The soufflé rose, and Clara was delighted.",
}


def _profiles(tags=None):
    frequencies = {work: term_frequencies(text) for work, text in WORKS.items()}
    idf = IdfTable.from_documents(frequencies.values())
    return {
        work: WorkProfile(work, tfidf_vector(terms, idf), frozenset((tags or {}).get(work, ())))
        for work, terms in frequencies.items()
    }


def test_the_most_similar_work_shares_its_vocabulary():
    profiles = _profiles()
    ranked = similar(profiles["daleks"], profiles.values(), k=2)
    assert [work for work, _ in ranked] == ["skaro", "baking"]
    assert ranked[0][1] > ranked[1][1]


def test_a_work_is_never_similar_to_itself_and_vectors_are_normalised():
    profiles = _profiles()
    assert all(work != "daleks" for work, _ in similar(profiles["daleks"], profiles.values()))
    assert abs(cosine(profiles["skaro"].vector, profiles["skaro"].vector) - 1.0) < 1e-9


def test_shared_tags_raise_similarity():
    profiles = _profiles({"daleks": {"Fluff"}, "baking": {"Fluff"}})
    plain = dict(similar(_profiles()["daleks"], _profiles().values()))
    tagged = dict(similar(profiles["daleks"], profiles.values()))
    assert tagged["baking"] > plain["baking"]


def test_profiles_from_analyses_rank_the_same_pairing_first(pack_knowledge):
    names = ["05_watson_first_person", "14_graphic_violence", "09_chapters", "02_reader_insert"]
    analyses = {
        name: analyze(
            (STORIES_DIR / f"{name}.txt").read_text(encoding="utf-8"), knowledge=pack_knowledge
        )
        for name in names
    }
    idf = IdfTable.from_documents(a.terms for a in analyses.values())
    profiles = [work_profile(name, analysis, idf) for name, analysis in analyses.items()]
    ranked = similar(profiles[0], profiles, k=3)
    assert ranked[0][0] == "14_graphic_violence"
