package reconcile

import "strings"

// givenNames are first names common in Britain, used only to notice that an
// extension's name is probably a person's. The core is the names in the Office
// for National Statistics' tables of the 100 most popular baby names in
// England and Wales (by decade from 1904 to 1994, and by year from 1996,
// https://www.ons.gov.uk/peoplepopulationandcommunity/birthsdeathsandmarriages/livebirths/bulletins/babynamesenglandandwales/),
// written out by hand rather than copied, with the short forms people use at
// work (Kev, Gaz, Sue) and names common among British staff of Welsh, Scottish,
// Irish, South Asian, African, Polish and other heritage. A name missing here
// is not taken for a role: an unknown word only ever makes Ringfence ask.
var givenNames = func() map[string]bool {
	m := wordSet(strings.Fields(`
aaliyah aaron abbie abby abdul abdullah abigail abraham ada adam adele adrian agnes ahmed aidan aileen aimee
aisha alan alana albert alex alexa alexander alexandra alexis alfie alfred ali alice alicia alison alistair
amanda amara amber amelia amelie amir amit amy ana andrea andrew andy angela angharad angus anil anita anna
annabel anne annette annie anthony antonio april archie arjun arlo arran art arthur asha ashley ashok aston
audrey austin ava avril barbara barry beatrice becky bella ben benjamin bernadette bernard beryl beth bethan
betty beverley bilal bill billy blessing bob bobby bogdan bonnie brandon brenda brendan brett brian bridget
brooke bruce bryony caitlin callum cameron camilla candice cara carl carla carly carmen carol caroline
carys cassie catherine cerys chantelle charles charlie charlotte chelsea cheryl chiara chidi chinedu chloe
chris christian christina christine christopher ciara ciaran cieran claire clara clare claudia clive colin
conor connie connor courtney craig cyril daisy dale damian damien dan dana daniel daniela danielle danny
daphne darren darryl daryl dave david dawn dean debbie deborah declan dee deepak delia denise dennis derek
desmond destiny dev diana diane dilip dina dominic donald donna dora doreen doris dorothy dougie douglas
duncan dylan eamon ebony eddie edith edward edwin eileen elaine eleanor elena eli elijah elizabeth ella
ellen ellie elliot elliott elsie emeka emily emma eric erin ernest esme esther ethan eugene eva evan eve
evelyn evie ewan faisal faith farah fatima fay felix ffion fiona florence frances francesca francis frank
freddie frederick freya gail gareth garry gary gaz gemma geoff geoffrey george georgia georgina gerald
geraint gethin gill gillian gina giovanni giulia gladys glen glenda glenn gloria glyn gordon grace graham
grant greg gregory gwen gwyneth hamza hannah harjit harold harper harriet harrison harry harvey hassan
hayley hazel heather hector heidi helen helena henry hilary hollie holly hope howard hugh hugo iain ian
ibrahim ida ifan imogen imran ines ioan iona irene iris isaac isabel isabella isabelle isla ivan ivy jack
jackie jackson jacob jacqueline jade jake james jamie jan jane janet janice jasmine jason jasper jay jayden
jean jeff jemma jennifer jenny jeremy jess jessica jill jim jimmy joan joanna joanne jodie joe joel john
johnny jon jonathan jordan jorge joseph josephine josh joshua joy joyce jude judith judy julia julian
julie june justin kai kamal karen karl kasia kate katherine kathleen kathryn katie katy kay kayleigh keith
kelly ken kenneth kerry kev kevin kieran kim kirsty kit kwame kyle lacey lara laura lauren laurence layla
leah lee leigh leila lena leo leon leonard les lesley leslie lewis lexi liam lila lily linda lindsay lisa
lloyd logan lois lola lorna lorraine louis louise lucas lucia lucy luis luke lukasz lydia lynn lynne maddie
madison maisie malcolm mandy manoj marc marcus margaret maria mariam marie marilyn mark marta martha martin
martyn mary mason matilda matt matthew maureen maurice max maya megan mei melanie melissa mia michael
michaela michelle mick mike mildred millie milly mohammad mohammed mollie molly monica morgan mustafa nadia
naomi natalie natasha nathan neil nia niall nicholas nick nicola nicole nigel nikhil nikki nina noah noel
nora norah norma norman nkechi oliver olivia ollie omar oscar owen paige pamela patricia patrick paul
paula pauline pawel pearl peggy penelope penny percy peter petra phil philip phillip phoebe phyllis piotr
poppy priya rachel rafael rahul raj rajesh ralph ravi ray raymond rebecca reece reggie rhian rhiannon
rhys richard ricky rita rob robert robin robyn rocco rohan ronald ronnie rory rosa rose rosemary ross rowan
roxanne roy ruby rupert russell ruth ryan sadie sally sam samantha samina samir samuel sandra sandy sanjay
sara sarah scarlett scott sean sebastian seren shane shannon sharon shaun sheila shirley sian sidney simon
siobhan sofia sonia sophia sophie stacey stanley stella stephanie stephen steve steven stewart stuart
sue summer sunil susan suzanne sylvia tamsin tanya tara teddy teresa terence terry tess thea theo
theodore theresa thomas tilly tim timothy tina toby todd tom tomasz tommy toni tony tracey tracy trevor
tyler una usman valerie vanessa vera veronica vicky victor victoria vijay vincent violet vivian wayne
wendy wesley will william willow winifred winston wojciech yasmin yusuf yvonne zac zach zainab zara zoe
zofia zoltan aled alun bryn dafydd dai emyr eirian elin glesni gruffydd huw iwan llinos lowri meinir
mererid nerys osian rhodri sioned tegan aoife aine cathal colm eimear fergus grainne niamh oisin padraig
roisin seamus sinead siobhan finlay fraser hamish innes kenzie kirsteen morag mhairi rab shona struan
aarav anjali deepa divya gurpreet harpreet jaspreet kiran lakshmi manpreet meena mohan navdeep neha pooja
prakash preeti rakesh ramesh rani rekha sakina sameer shabana shahid shreya simran sukhvinder suresh tariq
waqar zahid zubair abimbola adebayo ade ayo chioma chukwuma folake ifeoma kofi kemi ngozi nnamdi obinna
olu olumide seun tunde yaw agnieszka andrzej dorota ewa grzegorz jakub joanna katarzyna krzysztof magda
malgorzata marek marcin michal pawel tomek ana bruno carlos diego elena francesco giuseppe javier juan
luca marco mateo paolo pedro sergio sofia ahmad fatemeh hossein jamal karim khalid layla nour reza yasmin
mei lin wei jun hui li ming xin yan ying anh linh minh thanh
`)...)
	for short := range shortForms {
		m[short] = true
	}
	return m
}()
