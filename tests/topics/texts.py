"""Hand-written topics with controlled agreements and disagreements (not the seeds).

What each story is built to contain is written next to it; the tests assert exactly that.
"""

from __future__ import annotations

# City marathon. Agree: course length (26.2-mile = 42-kilometre, A and B); winning time (A, C).
# Disagree: start time (A 8:00 a.m. ET = B 12:00 GMT, C 10:00 a.m. ET); winner's age (B 29,
# C 31). Name: C calls the winner "Grace Wanjiku" (A and B: "Grace Wanjiru").
MARATHON = [
    (
        "Wanjiru wins the Riverton City Marathon",
        "Riverton Gazette",
        "Kenyan runner Grace Wanjiru won the Riverton City Marathon on Sunday.\n"
        "Grace Wanjiru ran the 26.2-mile course in 2 hours and 21 minutes.\n"
        "The race started at 8:00 a.m. ET in Harbour Park.\n"
        "Mayor Tom Hadley handed Grace Wanjiru the trophy at the finish line.\n"
        "Wanjiru said she had trained in the hills for three months.",
    ),
    (
        "Riverton City Marathon: Grace Wanjiru takes the title",
        "Daily Courier",
        "Grace Wanjiru, 29, won the Riverton City Marathon on Sunday.\n"
        "The runners covered the 42-kilometre course through the city.\n"
        "The race started at 12:00 GMT in Harbour Park.\n"
        "Mayor Tom Hadley said the city was proud of every runner.",
    ),
    (
        "Record crowds cheer Riverton City Marathon winner",
        "Metro Sport",
        "Kenyan runner Grace Wanjiku, 31, won the Riverton City Marathon on Sunday.\n"
        "Grace Wanjiku finished in 2 hours and 21 minutes.\n"
        "The race started at 10:00 a.m. ET in Harbour Park.\n"
        "Mayor Tom Hadley gave Grace Wanjiku the trophy.",
    ),
]

# School election. Agree: Priya Shah won 212 votes (A, B). Disagree: C says she won 198 votes.
# Single: the voting closed at 3:15 pm (A only); Leo Martin's age (B only).
ELECTION = [
    (
        "Priya Shah is the new head pupil at Hillside Primary School",
        "Hillside News",
        "Priya Shah won the head pupil election at Hillside Primary School on Friday.\n"
        "Priya Shah won 212 votes.\n"
        "The voting closed at 3:15 pm.\n"
        "Teacher Mark Evans counted the votes with two pupils.",
    ),
    (
        "Hillside Primary School pupils choose Priya Shah",
        "Valley Times",
        "Priya Shah won the election at Hillside Primary School on Friday.\n"
        "Priya Shah won 212 votes, and her friend Leo Martin, 11, came second.\n"
        "Teacher Mark Evans said the pupils had run a fair campaign.",
    ),
    (
        "Priya Shah leads Hillside Primary School",
        "Town Crier",
        "Priya Shah won the school election at Hillside Primary School.\n"
        "Priya Shah won 198 votes.\n"
        "Teacher Mark Evans thanked every class for voting.",
    ),
]

# Storm. Agree: wind speed (A 80 mph = B 130 km/h). Disagree: C says winds of 95 mph; homes
# that lost power (A more than 3,000, C around 300).
STORM = [
    (
        "Storm Nora batters the Dorset coast",
        "Coast Herald",
        "Storm Nora brought winds of 80 mph to the Dorset coast on Tuesday.\n"
        "More than 3,000 homes lost power in Weymouth.\n"
        "The Met Office issued a yellow warning for the whole of Dorset.",
    ),
    (
        "Storm Nora: strong winds hit Dorset",
        "Wessex Daily",
        "Storm Nora hit the Dorset coast with winds of 130 km/h on Tuesday.\n"
        "The Met Office said the storm would move east on Wednesday.\n"
        "Fallen trees closed roads near Weymouth.",
    ),
    (
        "Clean-up begins after Storm Nora",
        "South Post",
        "Storm Nora reached Dorset on Tuesday with winds of 95 mph.\n"
        "Around 300 homes lost power in Weymouth.\n"
        "The Met Office warned people to stay away from the sea.",
    ),
]

# An unrelated article: belongs to no topic.
LONE = (
    "Library opens a new reading garden",
    "Hillview Post",
    "The town library in Hillview opened a reading garden on Saturday.\n"
    "Librarian Ana Costa planted forty rose bushes with local families.\n"
    "The garden has six benches and a small pond.",
)
