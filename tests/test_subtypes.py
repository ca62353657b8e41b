"""ACLED sub-event types: the hard pairs, told apart by the sentence, not by one keyword."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from euphrates.records import ArticleReport

Code = Callable[..., ArticleReport]
PUBLISHED = dt.date(2022, 5, 12)

CASES = [
    # (text, expected sub-event type of the main event)
    (
        "Unidentified warplanes bombed positions of a militia near the border town on Monday.",
        "Air/drone strike",
    ),
    (
        "A drone struck a car carrying two commanders on the highway near Hama on Sunday.",
        "Air/drone strike",
    ),
    (
        "Government artillery shelled the outskirts of Ariha overnight, residents said.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb exploded next to a military convoy near Kirkuk on Tuesday.",
        "Remote explosive/landmine/IED",
    ),
    (
        "A bomber blew himself up at a checkpoint in Mogadishu on Tuesday, police said.",
        "Suicide bomb",
    ),
    (
        "An attacker detonated an explosive vest outside a mosque in Peshawar on Friday.",
        "Suicide bomb",
    ),
    (
        "Gunmen threw a hand grenade into a crowded market in Srinagar on Monday.",
        "Grenade",
    ),
    (
        "Residents said a shell carrying chlorine gas hit a neighbourhood in Douma on Saturday.",
        "Chemical weapon",
    ),
    (
        "Soldiers defused a bomb planted on a bridge outside Tikrit on Wednesday.",
        "Disrupted weapons use",
    ),
    (
        "Police seized a cache of rifles and explosives in a raid in Sidon on Monday.",
        "Disrupted weapons use",
    ),
    (
        "Syrian troops regained control of the town of Saraqib on Tuesday after heavy clashes "
        "with rebels.",
        "Government regains territory",
    ),
    (
        "Al-Shabaab fighters took control of the town of Baardheere on Sunday.",
        "Non-state actor overtakes territory",
    ),
    (
        "Police fired tear gas to disperse hundreds of protesters in Basra on Sunday.",
        "Protest with intervention",
    ),
    (
        "A mob lynched a man accused of theft in a village near Kano on Friday.",
        "Mob violence",
    ),
    (
        "Armed men abducted five aid workers on the road to Maiduguri on Monday.",
        "Abduction/forced disappearance",
    ),
    (
        "Israeli forces arrested six Palestinians during a raid in Jenin on Sunday.",
        "Arrests",
    ),
    (
        "Militiamen looted shops and torched houses in the village on Saturday.",
        "Looting/property destruction",
    ),
    (
        "The rebels set up a new base in the hills above Dilling on Monday.",
        "Headquarters or base established",
    ),
    (
        "Government forces withdrew from the town of Kidal on Monday, handing it to the "
        "local authorities.",
        "Non-violent transfer of territory",
    ),
    (
        "The army imposed a curfew on the city of Sittwe on Tuesday.",
        "Change to group/activity",
    ),
    (
        "The warring parties agreed to a ceasefire in Hodeidah on Thursday.",
        "Agreement",
    ),
    (
        "Tribal elders brokered a truce in the town on Thursday after days of fighting.",
        "Agreement",
    ),
    (
        "Security forces opened fire on demonstrators in Basra on Friday, killing three.",
        "Excessive force against protesters",
    ),
    (
        "Demonstrators threw stones at police and set fire to a bank in Sidon on Friday.",
        "Violent demonstration",
    ),
    (
        "Villagers set ablaze a suspected thief at a market in Onitsha on Friday.",
        "Mob violence",
    ),
    (
        "Militants rounded up a dozen villagers near Djibo on Friday.",
        "Abduction/forced disappearance",
    ),
    (
        "Rebels and soldiers exchanged fire for hours at a checkpoint near Daraa on Friday.",
        "Armed clash",
    ),
    (
        "Militants stormed a village near Djibo on Friday and killed nine men.",
        "Attack",
    ),
    (
        "Police detained 23 people who tried to march to the square in Istanbul on Sunday.",
        "Protest with intervention",
    ),
    (
        "Masked gunmen stormed a house in Benghazi on Monday and took away a politician.",
        "Abduction/forced disappearance",
    ),
    (
        "Troops conducting a raid in Jenin were hit by a roadside bomb on Monday.",
        "Remote explosive/landmine/IED",
    ),
    (
        "Police fired stun grenades and rubber bullets to disperse worshippers in Jerusalem "
        "on Tuesday, injuring dozens.",
        "Protest with intervention",
    ),
    (
        "A group of depositors held a sit-in outside a bank in Beirut on Tuesday.",
        "Peaceful protest",
    ),
    (
        "Youths pelted police with stones in Makurdi on Monday.",
        "Violent demonstration",
    ),
    (
        "The rebels entered the town without resistance on Saturday as the army fled.",
        "Non-violent transfer of territory",
    ),
    (
        "Relatives of a patient who died stormed a hospital and beat three doctors on Monday.",
        "Mob violence",
    ),
    # A protest met with force that killed is excessive force, even when the toll comes in
    # the next sentence or the shooters are only "guards".
    (
        "On 10 May 2022, troops opened fire on demonstrators who had gathered in the main "
        "square of Kassala. 2 demonstrators were killed.",
        "Excessive force against protesters",
    ),
    (
        "On 10 May 2022, guards outside the governor's office fired live rounds at "
        "protesters, killing one man.",
        "Excessive force against protesters",
    ),
    # Warning shots are no air strike; an armed group breaking up a rally intervenes.
    (
        "On 10 May 2022, militiamen fired in the air to disperse a demonstration in Tarhuna.",
        "Protest with intervention",
    ),
    # A death told in a dated clause belongs to another time.
    (
        "On 10 May 2022, police used tear gas to disperse mourners who gathered to remember a "
        "youth killed during the 2012 unrest.",
        "Protest with intervention",
    ),
    # Strategic developments with no violence: releases, dissolutions, closures, drills.
    (
        "On 10 May 2022, the rebels freed two soldiers they had held for three weeks near "
        "Saravena.",
        "Other",
    ),
    (
        "On 10 May 2022, the junta dissolved all political parties in Bamako.",
        "Change to group/activity",
    ),
    (
        "On 10 May 2022, soldiers closed the crossing into Rafah and turned back trucks.",
        "Change to group/activity",
    ),
    (
        "On 10 May 2022, the Revolutionary Guards launched military drills near the border "
        "town of Piranshahr.",
        "Other",
    ),
    (
        "On 10 May 2022, local teams found a mass grave on the outskirts of Sirte.",
        "Other",
    ),
    (
        "At least 40 people were killed in a suspected poison gas attack on the town on "
        "10 May 2022, medics said.",
        "Chemical weapon",
    ),
    (
        "On 10 May 2022, a soldier was killed when he stepped on an anti-personnel mine "
        "during a patrol near Argelia.",
        "Remote explosive/landmine/IED",
    ),
    (
        "On 10 May 2022, gunmen raided a village near Talata Mafara and raped six women "
        "before fleeing with livestock.",
        "Sexual violence",
    ),
    # Who gains: the state among coordinated subjects, one the parser lost, and airstrikes
    # that only backed the advance.
    (
        "On 10 May 2022, militias and government forces regained control of Harib from the "
        "Houthis.",
        "Government regains territory",
    ),
    (
        "On 10 May 2022, government forces, supported by coalition airstrikes, recaptured "
        "Al Khawkhah from the Houthis.",
        "Government regains territory",
    ),
    (
        "On 10 May 2022, IS militants attacked a police convoy west of Bir al Abd with a "
        "suicide car bomb.",
        "Suicide bomb",
    ),
    (
        "On 10 May 2022, militants detonated an IED targeting a Security Belt vehicle in Lawdar.",
        "Remote explosive/landmine/IED",
    ),
    (
        "On 10 May 2022, a militant detonated a car bomb next to a bus stop in Ankara. "
        "37 fatalities, including the bomber.",
        "Suicide bomb",
    ),
    (
        "On 10 May 2022, fighters engaged soldiers on the outskirts of Kfar Kila with machine "
        "guns and rocket-propelled grenades.",
        "Armed clash",
    ),
    (
        "On 10 May 2022, militants abducted and executed two men accused of cooperating "
        "with the army south of Rafah.",
        "Attack",
    ),
    (
        "On 10 May 2022, militiamen abducted a female activist in Baghdad and sexually "
        "assaulted her in detention.",
        "Sexual violence",
    ),
    (
        "On 10 May 2022, security forces arrested at least 20 people during night raids in "
        "Sanandaj in connection with the ongoing protests.",
        "Arrests",
    ),
    (
        "On 10 May 2022, intelligence agents seized an assistant of a prominent cleric in Zahedan.",
        "Abduction/forced disappearance",
    ),
    (
        "On 10 May 2022, the army took over several checkpoints in Sinjar from local "
        "fighters as part of the Sinjar agreement.",
        "Non-violent transfer of territory",
    ),
    (
        "On 10 May 2022, Turkish forces began evacuating their observation post in Morek.",
        "Non-violent transfer of territory",
    ),
    (
        "On 10 May 2022, settlers uprooted dozens of olive trees on land belonging to "
        "residents of Turmus Ayya.",
        "Looting/property destruction",
    ),
    (
        "On 10 May 2022, youths threw stones at passing cars on the main road near Sinjil, "
        "damaging a car.",
        "Mob violence",
    ),
    (
        "On 10 May 2022, unidentified gunmen on a motorbike shot dead a prominent protest "
        "movement activist outside his home in Karbala.",
        "Attack",
    ),
    (
        "On 10 May 2022, a publisher and outspoken critic of the militia was found shot dead "
        "in his car near Sarafand.",
        "Attack",
    ),
    (
        "On 10 May 2022, Israeli warplanes destroyed a residential tower in Gaza City.",
        "Air/drone strike",
    ),
    (
        "On 10 May 2022, a suspected Israeli strike hit a building in Damascus, killing "
        "three people.",
        "Air/drone strike",
    ),
    (
        "On 10 May 2022, the group announced it was laying down its arms and joining the "
        "peace process.",
        "Change to group/activity",
    ),
    (
        "On 10 May 2022, police fired tear gas and water cannon at hundreds of young people "
        "protesting against police brutality outside the state secretariat in Lagos.",
        "Protest with intervention",
    ),
    (
        "On 10 May 2022, rival armed groups fighting in the capital signed a ceasefire "
        "agreement brokered by the United Nations in Zawiya.",
        "Agreement",
    ),
    (
        "On 10 May 2022, the army launched a recruitment drive in Gedaref, with hundreds of "
        "young men queuing to register.",
        "Other",
    ),
    (
        "On 10 May 2022, a student was picked up from his home in Gwadar by plainclothes men "
        "and his whereabouts remain unknown.",
        "Abduction/forced disappearance",
    ),
    (
        "On 10 May 2022, security forces fired live rounds from the roof of a police station "
        "at worshippers protesting after Friday prayers over the alleged rape of a girl by a "
        "police commander. At least 66 people were killed.",
        "Excessive force against protesters",
    ),
    (
        "On 10 May 2022, coalition aircraft raided a market area on the outskirts of Sadah, "
        "killing four civilians.",
        "Air/drone strike",
    ),
    (
        "On 10 May 2022, police baton-charged and fired tear gas at opposition supporters "
        "marching towards the press club in Islamabad.",
        "Protest with intervention",
    ),
    (
        "On 10 May 2022, soldiers seized the mayor of Melitopol at the city's crisis centre "
        "and took him to an unknown location.",
        "Abduction/forced disappearance",
    ),
    (
        "On 10 May 2022, M23 rebels seized Rutshuru after the army abandoned its positions.",
        "Non-state actor overtakes territory",
    ),
    (
        "On 10 May 2022, forensic teams pulled at least 11 bodies from a clandestine grave in "
        "Tlajomulco de Zuniga.",
        "Other",
    ),
    (
        "On 10 May 2022, soldiers detained and raped two women during a raid on a village "
        "near Myitkyina.",
        "Sexual violence",
    ),
    (
        "On 10 May 2022, hundreds of enraged men torched five churches and ransacked dozens "
        "of homes in Jaranwala.",
        "Mob violence",
    ),
    (
        "On 10 May 2022, Iraqi troops raised the flag over the government complex in Ramadi "
        "after driving the militants from the city centre.",
        "Government regains territory",
    ),
    (
        "On 10 May 2022, militants handed over two hostages to the Red Cross in Khan Younis "
        "under the ceasefire deal.",
        "Other",
    ),
    # a raid is how a cache was seized, not an attack (nor a suicide bombing for its belts)
    (
        "On 12 May 2022, the army raided a house outside Arsal and seized a cache of weapons "
        "and explosive belts belonging to an IS cell.",
        "Disrupted weapons use",
    ),
    # "without fighting" says no fight happened
    (
        "On 12 May 2022, rebel forces moved into the town of Ad Durayhimi without fighting "
        "after government forces withdrew southwards.",
        "Non-violent transfer of territory",
    ),
    (
        "On 10 May 2022, rebels fired several projectiles from across the border at Samtah, "
        "one of which hit a house.",
        "Shelling/artillery/missile attack",
    ),
    (
        "On 10 May 2022, riot police fired shotgun pellets at protesters in Sanabis, seriously "
        "injuring a teenager.",
        "Excessive force against protesters",
    ),
    # fighters who give themselves up change the group
    (
        "More than 300 Boko Haram fighters surrendered to troops in Bama on Sunday, the army said.",
        "Change to group/activity",
    ),
    (
        "A senior al Shabaab commander defected to the government on Tuesday, handing himself "
        "over to regional forces in Baidoa.",
        "Change to group/activity",
    ),
    ("Investigators discovered eight mass graves in Tarhuna on Thursday.", "Other"),
    # partisans who stone and loot are rioters, whoever they support
    (
        "Supporters of the opposition candidate barricaded roads with burning tyres, stoned "
        "vehicles and looted shops in Maputo on Thursday.",
        "Violent demonstration",
    ),
    (
        "Supporters of the party clashed with police, blocked roads and set vehicles on fire in "
        "Lahore on Monday after the arrest of the party's leader.",
        "Violent demonstration",
    ),
    (
        "Mobs armed with sticks and iron bars looted and set fire to dozens of shops owned by "
        "foreign nationals in Johannesburg on Monday, police said.",
        "Mob violence",
    ),
    (
        "On 22 March 2023, unidentified persons broke into a party office in Jounieh overnight "
        "and smashed its contents.",
        "Looting/property destruction",
    ),
    (
        "Police used water cannon and detained scores of protesters late on Wednesday as a "
        "march against enforced disappearances arrived in Islamabad.",
        "Protest with intervention",
    ),
    (
        "Fighters from the Islamic State West Africa Province stormed a military base in "
        "Damasak on Monday evening, the army said.",
        "Armed clash",
    ),
    # a coup takes power, not ground; people who flee are displaced, not fighting
    (
        "Army officers announced on national television on Wednesday that they had seized "
        "power and dissolved state institutions.",
        "Other",
    ),
    (
        "More than 10,000 people fled their homes in Chiure district on Saturday as insurgents "
        "advanced south, the UN said.",
        "Other",
    ),
    # a fight that left people dead is a clash, also under a dateline the parser took as
    # the subject
    (
        "ARAUCA, Colombia — Fighting between ELN guerrillas and dissidents of the former FARC "
        "in rural areas of Tame municipality on Sunday left at least 16 people dead.",
        "Armed clash",
    ),
    # gas dropped or fired on troops is a chemical weapon (not at a protest)
    (
        "Russian troops dropped K-51 grenades loaded with CS gas from drones onto Ukrainian "
        "positions near Orikhiv on Tuesday, the military said.",
        "Chemical weapon",
    ),
    (
        "The government accused the rebels of firing shells containing poisonous gas at its "
        "troops west of Taiz on Saturday.",
        "Chemical weapon",
    ),
    # ground entered once its holders left it
    (
        "On 10 May 2022, regime forces entered the Tabqa military airport after "
        "US-led coalition troops vacated it.",
        "Non-violent transfer of territory",
    ),
    (
        "On 10 May 2022, the Taliban entered Qalat (Qalat, Zabul) after the provincial "
        "officials and security forces pulled out without offering resistance.",
        "Non-violent transfer of territory",
    ),
    (
        "Russian military personnel have deployed to a base in the northern city of Timbuktu "
        "vacated by French troops last month, the army spokesman said on Thursday.",
        "Headquarters or base established",
    ),
    (
        "Several hundred garment workers formed a human chain in front of the press club in "
        "Chattogram on Saturday to demand payment of wage arrears.",
        "Peaceful protest",
    ),
    # a crowd by name that kills is a mob; two men on a motorcycle are not a crowd
    (
        "On 10 May 2022, residents in Al-Amara chased down and beat to death a man who had "
        "shot a boy during a quarrel.",
        "Mob violence",
    ),
    (
        "Two men on a motorcycle shot dead a community leader outside his home in Tumaco on "
        "Sunday night.",
        "Attack",
    ),
    (
        "On 10 May 2022, opposition activists enforcing a hartal set fire to 3 buses and "
        "vandalised a police box at a junction in Chattogram.",
        "Violent demonstration",
    ),
    (
        "On 10 May 2022, PTI supporters broke into the Corps Commander's residence in Lahore "
        "after Imran Khan's arrest and set parts of it on fire.",
        "Violent demonstration",
    ),
    (
        "Federal police used water cannon and pepper spray to clear activists blocking an "
        "avenue in Buenos Aires on Thursday, detaining five people.",
        "Protest with intervention",
    ),
    # a group that stops its operations or takes a new leader changes
    (
        "On 10 May 2022, the militia announced the suspension of its military operations "
        "against US forces in Iraq, two days after a drone attack killed three soldiers.",
        "Change to group/activity",
    ),
    (
        "On 10 May 2022, the group's Shura Council elected a new Secretary-General, succeeding "
        "the leader who was killed in an airstrike on Beirut's southern suburbs last year.",
        "Change to group/activity",
    ),
    (
        "Around 10 May 2022, some 3,000 people were displaced from villages around Jisr "
        "al-Shughur towards the Turkish border amid intensified bombardment.",
        "Other",
    ),
    (
        "On 10 May 2022, hundreds of people took to the streets of Suez calling for the "
        "president to step down. Police fired tear gas to disperse them and arrested dozens.",
        "Protest with intervention",
    ),
    (
        "On 10 May 2022, State Security officers arrested a human rights lawyer at his home in "
        "Alexandria and took him to an unknown location.",
        "Abduction/forced disappearance",
    ),
    (
        "On 10 May 2022, Houthi forces stormed the office of the UN agency in Sanaa, seizing "
        "documents and vehicles and taking over the premises.",
        "Looting/property destruction",
    ),
    (
        "Overnight on 10 May 2022, Russian forces fired Grad rockets at Nikopol from across the "
        "reservoir, damaging houses and a gas pipeline.",
        "Shelling/artillery/missile attack",
    ),
    # one man fleeing is no displacement
    (
        "Monir Hossein fled his home in Bangladesh because of political violence after "
        "gunmen attacked his village.",
        "Attack",
    ),
    # drones brought down: the attack told beside them is the one stopped
    (
        "Air defences destroyed two drones over the Podolsk district early on Sunday, the "
        "defence ministry said.",
        "Disrupted weapons use",
    ),
    (
        "Air defences shot down 36 of 40 drones launched at Kyiv early on Sunday, in what "
        "officials called the largest drone attack on the capital.",
        "Disrupted weapons use",
    ),
]


def main_event(report: ArticleReport) -> str | None:
    typed = [e for e in report.events if e.sub_event_type and not e.background]
    return typed[0].sub_event_type if typed else None


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1] for c in CASES])
def test_sub_event_type(code: Code, text: str, expected: str) -> None:
    assert main_event(code(text, published=PUBLISHED)) == expected


def test_march_the_month_is_no_march(code: Code) -> None:
    report = code("On 14 March 2021, a bomb exploded near a school in Kirkuk.")
    assert all(e.plover_type != "PROTEST" for e in report.events)


def test_no_negotiated_pullout_is_no_event(code: Code) -> None:
    report = code("Officials said there would be no negotiated pullout for the militants.")
    assert all(e.plover_type != "RETREAT" for e in report.events)


def test_fight_before_a_gain_is_one_event(code: Code) -> None:
    report = code(
        "On 5 August 2023, government forces regained control of the village after clashes "
        "with the rebels. 4 fatalities."
    )
    typed = [e for e in report.events if e.event_type == "Battles"]
    assert len(typed) == 1
    assert typed[0].sub_event_type == "Government regains territory"
    assert typed[0].fatalities is not None and typed[0].fatalities.best == 4


def test_dispersed_protesters_are_actor_one(code: Code) -> None:
    report = code("Police dispersed dozens of protesters outside parliament in Beirut on Monday.")
    (event,) = [e for e in report.events if e.plover_type == "PROTEST"]
    assert event.actor1 is not None and event.actor1.actor.kind == "protesters"
    assert event.actor2 is not None and event.actor2.actor.kind == "state forces"


def toll(report: ArticleReport) -> int | None:
    typed = [e for e in report.events if e.sub_event_type and not e.background]
    f = typed[0].fatalities if typed else None
    return f.best if f is not None else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen shot dead a man and his son in the village on Monday.", 2),
        ("Shelling hit the market on Monday, killing a child.", 1),
        ("An airstrike hit a market on Monday, killing 15 civilians, including four children.", 15),
        ("A bomb killed two soldiers and three civilians near the base on Monday.", 5),
        ("A mob beat a woman to death in the market on Saturday.", 1),
        (
            "On Monday, militants attacked a checkpoint north of the town. Two guards killed.",
            2,
        ),
        ("Rebels and troops traded fire on Sunday, leaving three fighters dead.", 3),
        ("Students protesting the killing of two boys threw stones at police on Monday.", None),
        ("Shells killed seven civilians, among them three children, in the town on Monday.", 7),
        # A revised toll replaces the first; another source's higher figure does not.
        (
            "Gunmen attacked a convoy near Parachinar on Monday, killing 30 people. The death "
            "toll rose to 42 on Tuesday, officials said.",
            42,
        ),
        (
            "Shelling killed at least 11 people in Ariha on Monday, rescuers said. A monitor "
            "put the death toll at 13.",
            11,
        ),
        # One object for two verbs; a role noun counts as a person.
        ("A mob stoned and burnt to death a female student in Sokoto on Thursday.", 1),
        ("A mob attacked and killed a factory manager in Sialkot on Friday.", 1),
        # the bomber who killed himself is counted, as ACLED counts him
        (
            "A suicide bomber rammed a car into a convoy in Bannu on Monday, killing himself "
            "and two soldiers.",
            3,
        ),
        # a coder's closing figure is the event's
        (
            "On 9 May 2022, three bombers detonated their devices outside a hall in Konduga, "
            "killing 9 people besides themselves. 12 fatalities.",
            12,
        ),
        # a person named by the ending of the word
        ("A photojournalist was shot dead outside his home in Tijuana on Monday.", 1),
        # one person with two descriptions, found shot dead
        (
            "A publisher and outspoken critic of the militia was found shot dead in his car "
            "near Sarafand on Monday.",
            1,
        ),
    ],
)
def test_toll_counts_people_once(code: Code, text: str, expected: int) -> None:
    assert toll(code(text, published=PUBLISHED)) == expected


def test_gunmen_killing_a_man_is_an_attack_on_a_civilian(code: Code) -> None:
    report = code("Gunmen shot dead a man and his son in the village on Monday.")
    assert main_event(report) == "Attack"


def test_coder_tags_in_brackets_are_no_events(code: Code) -> None:
    report = code(
        "On 2 June 2020, gunmen abducted a woman in Afrin. [women targeted: Relatives of "
        "targeted groups or persons] [size=no report]"
    )
    assert [e.sub_event_type for e in report.events] == ["Abduction/forced disappearance"]


def test_hedged_attacker_keeps_the_sentence_date(code: Code) -> None:
    report = code(
        "On 15 January 2020, unidentified warplanes, believed to be Russian, carried out "
        "airstrikes on the outskirts of Ariha, hitting a farm and nearby houses. 3 fatalities."
    )
    (event,) = [e for e in report.events if e.sub_event_type]
    assert event.sub_event_type == "Air/drone strike"
    assert event.date.range.start == event.date.range.end == dt.date(2020, 1, 15)
    assert event.fatalities is not None and event.fatalities.best == 3


def test_announced_change_takes_the_announcement_date(code: Code) -> None:
    report = code(
        "Several armed groups in Misrata announced on Sunday that they had merged into one force.",
        published=dt.date(2020, 11, 17),
    )
    (event,) = [e for e in report.events if e.sub_event_type == "Change to group/activity"]
    assert event.date.range.start == event.date.range.end == dt.date(2020, 11, 15)


def test_second_sentence_toll_and_time_join_the_bombing(code: Code) -> None:
    report = code(
        "A car bomb exploded outside a police station in Mogadishu, killing at least eight "
        "people. The blast, on Monday morning, also wounded 15, a police officer said on Tuesday.",
        published=dt.date(2023, 3, 15),
    )
    typed = [e for e in report.events if e.sub_event_type]
    assert len(typed) == 1
    (bomb,) = typed
    assert bomb.date.range.start == bomb.date.range.end == dt.date(2023, 3, 13)
    assert bomb.counts["injured"].best == 15 and bomb.fatalities is not None


def test_unnamed_gunmen_opening_fire_attack_people(code: Code) -> None:
    report = code(
        "Twelve people were killed in the attack on the village, officials said on Tuesday. "
        "Gunmen on motorbikes arrived on Monday evening and opened fire.",
        published=dt.date(2023, 3, 15),
    )
    typed = [e for e in report.events if e.sub_event_type]
    assert [e.sub_event_type for e in typed] == ["Attack"]
    assert typed[0].date.range.start == dt.date(2023, 3, 13)


def test_police_meeting_a_protest_in_the_next_sentence_types_the_protest(code: Code) -> None:
    report = code(
        "Hundreds of people protested in Khartoum on Sunday against the coup, witnesses said. "
        "Police fired tear gas.",
        published=dt.date(2023, 3, 15),
    )
    typed = [e for e in report.events if e.sub_event_type]
    assert [e.sub_event_type for e in typed] == ["Protest with intervention"]
    assert typed[0].date.range.start == dt.date(2023, 3, 12)
    assert typed[0].actor2 is not None and typed[0].actor2.actor.kind == "state forces"


def test_subject_the_parser_lost_still_gains_the_ground(code: Code) -> None:
    """A garbled parse leaves "retook" without a subject; the forces named before it are."""
    report = code(
        "On 19 November 2017, regime forces and allied Iranian-backed militias, including "
        "Hezbollah, retook Al Bukamal (Deir-ez-Zor) from IS.",
        published=dt.date(2017, 11, 20),
    )
    assert main_event(report) == "Government regains territory"


def test_counts_named_only_after_including_do_not_break_the_events(code: Code) -> None:
    report = code(
        "Three people were killed and hundreds of others, including 15 policemen, injured in "
        "a clash in Lahore on Monday."
    )
    assert not report.warnings
    assert toll(report) == 3
