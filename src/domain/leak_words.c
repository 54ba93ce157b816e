/* leak_words: the ordinary words that never count as a leak finding on their own, and the public mail services whose domains say nothing about a customer. */
#include "leak_words.h"

/*
 * Common English words and the words organisations use for their parts and trades. A
 * term made only of these ("Operations", "Retail Banking", "IT") is never a finding: it
 * would flag ordinary texts. A name with one other word in it ("Northwind Bank") counts
 * whole. Compared after the same folding as texts (leak.c), with a plural "s" or "es".
 */
const char *const leak_ordinary_words[] = {
	"a", "about", "above", "account", "accounts", "across", "admin", "administration", "advisory",
	"africa", "after", "again", "against", "all", "almost", "also", "always", "am", "americas",
	"among", "an", "analytics", "and", "another", "any", "apac", "are", "area", "areas", "as", "asia",
	"at", "audit", "away", "back", "bank", "banking", "banks", "be", "because", "been", "before",
	"being", "below", "best", "better", "between", "board", "both", "branch", "branches", "business",
	"but", "by", "can", "capital", "care", "center", "central", "centre", "chain", "change", "channel", "client", "commerce",
	"clients", "commercial", "communications", "community", "company", "compliance", "consulting",
	"consumer", "contact", "contracts", "core", "corporate", "could", "credit", "customer",
	"customers", "data", "day", "days", "delivery", "development", "did", "digital", "direct", "do",
	"does", "done", "down", "during", "each", "early", "east", "ecommerce", "either", "else", "emea", "end",
	"engineering", "enough", "enterprise", "estates", "europe", "even", "every", "executive",
	"facilities", "few", "finance", "financial", "first", "foods", "for", "from", "full", "fund",
	"further", "get", "give", "global", "go", "good", "governance", "great", "group", "had", "has",
	"have", "he", "health", "her", "here", "high", "him", "his", "holdings", "how", "hr", "human",
	"i", "ict", "if", "in", "information", "infrastructure", "innovation", "insurance",
	"international", "into", "investment", "investments", "is", "it", "its", "just", "keep", "last",
	"late", "legal", "less", "life", "like", "little", "logistics", "long", "low", "made", "main",
	"make", "managed", "management", "manufacturing", "many", "marketing", "markets", "may", "me",
	"media", "mobile", "more", "most", "much", "must", "my", "national", "near", "need", "network",
	"networks", "never", "new", "next", "no", "north", "not", "now", "of", "off", "office", "online", "often",
	"old", "on", "once", "one", "only", "operations", "or", "other", "our", "out", "over", "own",
	"part", "partners", "payments", "pensions", "people", "per", "plan", "platform", "platforms",
	"private", "procurement", "product", "products", "program", "programme", "project", "projects",
	"property", "public", "quality", "regional", "research", "resources", "retail", "risk", "sales",
	"same", "security", "see", "service", "services", "shared", "she", "should", "since", "so",
	"solutions", "some", "south", "still", "store", "strategy", "such", "supply", "support", "systems", "take",
	"team", "technology", "telecom", "than", "that", "the", "their", "them", "then", "there", "these",
	"they", "this", "those", "through", "time", "to", "today", "too", "trading", "transformation",
	"travel", "treasury", "trust", "two", "under", "unit", "united", "university", "until", "up",
	"upon", "us", "use", "very", "was", "way", "we", "wealth", "well", "were", "west", "what", "when",
	"where", "which", "while", "who", "why", "will", "with", "within", "without", "work", "world",
	"would", "year", "years", "yet", "you", "your",
	/* legal forms and the common words of company names: a name's other words identify it (leak_name_words) */
	"associates", "bros", "brothers", "co", "consultancy", "consultants", "corp", "corporation", "energy",
	"gmbh", "inc", "incorporated", "industries", "labs", "limited", "llc", "llp", "ltd", "plc", "pty", "pvt",
	"software", "stores", "tech", "technologies", "ventures", "worldwide",
};
const size_t LEAK_ORDINARY_COUNT = sizeof leak_ordinary_words / sizeof leak_ordinary_words[0];

/* Public mail services: an address there names a person, not the customer they work for. */
const char *const leak_public_mail_domains[] = {
	"163.com", "aol.com", "fastmail.com", "gmail.com", "gmx.com", "gmx.de", "gmx.net",
	"googlemail.com", "hey.com", "hotmail.co.uk", "hotmail.com", "icloud.com", "live.com", "mac.com",
	"mail.com", "mail.ru", "me.com", "msn.com", "outlook.com", "pm.me", "proton.me", "protonmail.com",
	"qq.com", "tutanota.com", "web.de", "yahoo.co.uk", "yahoo.com", "yahoo.fr", "yandex.com",
	"yandex.ru", "zoho.com",
};
const size_t LEAK_PUBLIC_MAIL_COUNT = sizeof leak_public_mail_domains / sizeof leak_public_mail_domains[0];
