"""Searches a reader in danger types, and ordinary searches that share words with them (issue 21): the unit
tests check them against the phrase data, the browser tests through the search box's own code."""

# Each must show the crisis card (none did before issue 21).
SHOW = ["don't want to be alive", "tired of living", "unalive", "feel like dying", "want 2 die",
        "took too many tablets", "od", "burn myself", "burning myself", "cuting", "strangles me", "choking me",
        "pushed me", "shoved me", "threatened to kill me", "going to kill me", "scared of him", "afraid of him",
        "scared of my ex", "stalking", "stalker", "being abused", "made me have sex", "forced sex",
        # and as readers write them in a sentence
        "my partner hit me", "he pushed me down the stairs", "i keep cutting again", "cutting", "emergency"]

# Each must not (all did before issue 21).
NO_CARD = ["cutting down drinking", "cutting off contact", "i cut contact", "emergency contraception",
           "grief hit me hard", "After a mental health crisis",
           # everyday words that are also a service's name, or a violent verb, in a sentence
           "why do we shout at each other", "anxiety pushed me away", "it hurts me when she ignores me"]

# Spanish crisis phrases, as readers type them (accents often left out, or added): each shows the card in Spanish.
SPANISH = ["quiero morir", "Quiero morír", "me quiero morir", "no quiero vivir", "suicidio", "suicídio",
           "pensamientos suicidas", "quiero matarme", "me voy a matar", "autolesión", "autolesion", "cortarme",
           "sobredosis", "tomé muchas pastillas", "violencia doméstica", "violencia de genero", "me pega",
           "mi pareja me pega", "mi novio me empujó", "agresión sexual", "abuso sexual", "violación",
           "me violaron", "número de emergencia", "emergencia", "ayuda"]

# Spanish searches that are not a crisis.
SPANISH_NO_CARD = ["anticoncepción de emergencia", "me corto el pelo", "comunicación en pareja", "me empuja a mejorar"]
