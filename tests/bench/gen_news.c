/*
** gen_news.c: writes a synthetic news corpus for the benchmarks.
**
**   gen_news [-u] MEGABYTES > corpus.txt
**
** Articles are made from sentence templates (all written for galley) whose
** slots take names, places, organisations, numbers, dates, quotations,
** URLs and handles drawn from small lists with a fixed pseudo-random seed,
** so every run writes the same bytes. Each article has a headline line, a
** dateline, paragraphs separated by blank lines and a few boilerplate lines;
** articles are separated by two blank lines. With -u the text is mostly
** non-ASCII: Spanish and Portuguese with accents and curly quotes, Russian
** and Greek.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

#define PICK(a) (a[rnd(sizeof a / sizeof a[0])])

static const char *first[] = {
    "Marco", "Ana", "Javier", "Laura", "Daniel", "Grace", "Omar", "Helen",
    "Victor", "Priya", "Samuel", "Irene", "Tomas", "Nadia", "Felix", "Rosa",
    "Kevin", "Lucia", "Arthur", "Mei", "George", "Fatima", "Paul", "Elena"
};
static const char *last[] = {
    "Rubio", "Ortega", "Milei", "Chen", "Okafor", "Brennan", "Haddad",
    "Lindqvist", "Moreau", "Patel", "Novak", "Castillo", "Schmidt", "Owusu",
    "Kowalski", "Tanaka", "Romero", "Fischer", "Adeyemi", "Walsh", "Duarte"
};
static const char *title[] = {
    "Secretary of State", "finance minister", "chief executive", "mayor",
    "spokeswoman", "spokesman", "governor", "senior analyst", "president",
    "union leader", "police chief", "health commissioner"
};
static const char *ptitle[] = {"Sen.", "Gen.", "Dr.", "Gov.", "Rep.", "Mr.", "Ms.", "Prof."};
static const char *org[] = {
    "the Central Bank", "the World Health Organization", "Northwind Logistics",
    "the city council", "the electoral commission", "Harbor Energy",
    "the Ministry of Transport", "the port authority", "Apex Mining",
    "the teachers' union", "the Supreme Court", "Meridian Airlines"
};
static const char *company[] = {
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Hooli"
};
static const char *city[] = {
    "Caracas", "Buenos Aires", "Chicago", "Lagos", "Manila", "Oslo", "Lima",
    "Nairobi", "Denver", "Quito", "Montreal", "Santiago", "Dublin", "Austin"
};
static const char *thing[] = {
    "bridge", "budget", "vaccine program", "rail line", "tax plan", "trade deal",
    "water project", "election", "ceasefire", "housing plan", "merger", "strike"
};
static const char *section[] = {
    "politics", "business", "world", "health", "energy", "local", "sports"
};
static const char *weekday[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
};
static const char *month[] = {
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
    "Oct.", "Nov.", "Dec."
};
static const char *quote[] = {
    "We will not accept delays any longer",
    "This is a turning point for the region",
    "Nobody expected the numbers to move this fast",
    "The families deserve answers, and they deserve them now",
    "It's too early to say what went wrong",
    "We didn't see this coming",
    "Our priority is to keep people safe",
    "The plan works only if everyone pays their share"
};
static const char *said[] = {"said", "told reporters", "added", "wrote on X", "said in a statement"};

static const char *es_day[] = {
    "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"
};
static const char *es_first[] = {
    "José", "María", "Nicolás", "Lucía", "Andrés", "Sofía", "Ramón", "Inés",
    "João", "Conceição", "Tomás", "Begoña"
};
static const char *es_last[] = {
    "Martínez", "Fernández", "Peña", "Gómez", "Núñez", "Ibáñez", "Sánchez",
    "Gonçalves", "Araújo", "Muñoz", "Ordóñez", "Suárez"
};
static const char *es_city[] = {
    "Bogotá", "Córdoba", "San José", "Mérida", "Asunción", "São Paulo",
    "Brasília", "Medellín", "Cancún", "Querétaro"
};
static const char *es_sent[] = {
    "El Gobierno anunció el %s que destinará %u millones de dólares a la reconstrucción de %s.",
    "“No vamos a permitir más demoras”, afirmó %s %s, ministra de Economía.",
    "La oposición pidió una investigación después de que %u personas resultaran heridas en %s.",
    "Según el último informe, la inflación subió un %u,%u %% en el último trimestre.",
    "¿Quién pagará la factura? ¡Nadie lo sabe todavía!, dijo un portavoz en %s.",
    "O presidente disse que a reunião em %s terminou sem acordo às %u horas.",
    "A população de %s cresceu %u%% nos últimos dez anos, segundo o instituto.",
    "Les négociations reprendront à %s après l’été, a précisé le ministère.",
    "Die Regierung in %s kündigte für Mittwoch neue Maßnahmen an.",
};
static const char *ru_sent[] = {
    "Правительство объявило о новых мерах поддержки для жителей региона.",
    "По данным министерства, число пострадавших выросло до %u человек.",
    "«Мы не допустим новых задержек», — заявил глава администрации.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τους κατοίκους.",
    "Σύμφωνα με το υπουργείο, οι εργασίες θα ολοκληρωθούν το %u.",
};

static void person(void)
{
    printf("%s %s", PICK(first), PICK(last));
}

static void en_sentence(void)
{
    switch (rnd(16)) {
    case 0:
        person();
        printf(", the %s of %s, said on %s that the %s would cost $%u.%u billion.",
               PICK(title), PICK(org), PICK(weekday), PICK(thing), 1 + rnd(40), rnd(10));
        break;
    case 1:
        printf("\u201c%s,\u201d %s %s.", PICK(quote), PICK(last), PICK(said));
        break;
    case 2:
        printf("%s reported a %u.%u%% rise in revenue for the quarter, up from $%u,%03u a year earlier.",
               PICK(org), 1 + rnd(30), rnd(10), 1 + rnd(900), rnd(1000));
        break;
    case 3:
        printf("Officials in %s confirmed that %u people had been evacuated after the storm on %s %u.",
               PICK(city), 2 + rnd(5000), PICK(month), 1 + rnd(28));
        break;
    case 4:
        printf("U.S. %s ", PICK(title));
        person();
        printf(" is expected to visit %s next week, according to %s.", PICK(city), PICK(org));
        break;
    case 5:
        printf("Shares of %s Inc. fell %u.%u percent to $%u.%02u in early trading in New York.",
               PICK(company), 1 + rnd(20), rnd(10), 5 + rnd(300), rnd(100));
        break;
    case 6:
        printf("The vote, scheduled for %u p.m. on %s, was delayed after %s %s raised objections.",
               1 + rnd(11), PICK(weekday), PICK(ptitle), PICK(last));
        break;
    case 7:
        printf("%s\u2019s mayor, ", PICK(city));
        person();
        printf(", didn\u2019t respond to a request for comment.");
        break;
    case 8:
        printf("%s %s noted that the %s hasn't been reviewed since %u, when %s was in charge.",
               PICK(ptitle), PICK(last), PICK(thing), 1990 + rnd(34), PICK(org));
        break;
    case 9:
        printf("Read the full report at https://www.example-news.com/%s/%u.html or write to desk@example-news.com.",
               PICK(section), 1000 + rnd(9000));
        break;
    case 10:
        printf("Follow @%sNews for updates on #%s%u.", PICK(company), PICK(company), 2020 + rnd(6));
        break;
    case 11:
        printf("The well-known %s, a long-term project of %s, was approved %u-%u after a two-hour debate.",
               PICK(thing), PICK(org), 3 + rnd(9), rnd(4));
        break;
    case 12:
        printf("Why did the %s fail? Analysts point to rising costs, weak demand and a shortage of workers.",
               PICK(thing));
        break;
    case 13:
        printf("By %u:%02u a.m., about %u,%03u residents of %s were without power.",
               1 + rnd(11), rnd(60), 1 + rnd(90), rnd(1000), PICK(city));
        break;
    case 14:
        printf("They're expected to meet again in %s, where talks broke down in %u.",
               PICK(city), 2000 + rnd(25));
        break;
    default:
        printf("The %s, which %s had promised for years, remains on hold (officials blame the courts).",
               PICK(thing), PICK(org));
        break;
    }
}

static void en_article(void)
{
    printf("%s Approves %s Plan After Long Debate\n\n", PICK(city), PICK(company));
    printf("%s (AP) \u2014 ", PICK(city));
    int paras = 4 + rnd(5);
    for (int p = 0; p < paras; p++) {
        int ns = 1 + rnd(4);
        for (int k = 0; k < ns; k++) {
            en_sentence();
            putchar(k + 1 < ns ? ' ' : '\n');
        }
        putchar('\n');
    }
    printf("Share\nLeave A Reply\n\n\n");
}

static void u_article(void)
{
    printf("%s: %s %s anuncia un plan de emergencia\n\n", PICK(es_city), PICK(es_first), PICK(es_last));
    int paras = 4 + rnd(5);
    for (int p = 0; p < paras; p++) {
        int ns = 1 + rnd(4);
        for (int k = 0; k < ns; k++) {
            unsigned r = rnd(10);
            if (r < 6) {
                const char *f = PICK(es_sent);
                if (strstr(f, "anunció"))
                    printf(f, PICK(es_day), 1 + rnd(900), PICK(es_city));
                else if (strstr(f, "afirmó"))
                    printf(f, PICK(es_first), PICK(es_last));
                else if (strstr(f, "heridas"))
                    printf(f, 2 + rnd(300), PICK(es_city));
                else if (strstr(f, "inflación"))
                    printf(f, 1 + rnd(9), rnd(10));
                else if (strstr(f, "reunião"))
                    printf(f, PICK(es_city), 1 + rnd(23));
                else if (strstr(f, "população"))
                    printf(f, PICK(es_city), 1 + rnd(40));
                else
                    printf(f, PICK(es_city));
            } else {
                printf(PICK(ru_sent), 10 + rnd(900));
            }
            putchar(k + 1 < ns ? ' ' : '\n');
        }
        putchar('\n');
    }
    printf("Compartir\n\n\n");
}

int main(int argc, char **argv)
{
    int uni = 0, i = 1;
    if (i < argc && strcmp(argv[i], "-u") == 0) {
        uni = 1;
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: gen_news [-u] MEGABYTES\n");
        return 2;
    }
    long want = atol(argv[i]) * 1000000L;
    if (uni)
        rng ^= 0x5bd1e995u;
    for (;;) {
        long pos = ftell(stdout);
        if (pos < 0) {
            fprintf(stderr, "gen_news: standard output must be a regular file\n");
            return 2;
        }
        if (pos >= want)
            break;
        if (uni)
            u_article();
        else
            en_article();
        if (ferror(stdout))
            return 1;
    }
    return fflush(stdout) ? 1 : 0;
}
