# html_bench: the html stage over the 181 pages of ../shared/corpus/html, next to gumbo's
# parse alone (the floor any gumbo-based reader stands on).
whipcount_bench(html_bench whipcount_html PkgConfig::GUMBO)
