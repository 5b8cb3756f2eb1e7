#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# The Scrapy peer of discover's html crawl for scripts/bench-crawl: a spider
# run by CrawlerProcess (no project) that follows the same next and detail
# links from START_URL with the same XPath, obeys robots.txt, sends the same
# user agent with the same concurrency, and writes the same fields of each
# detail page, numbers read as discover reads them, one JSON object a line
# on stdout. Exits 1 when Scrapy logged an error.
import re
import sys

import scrapy
from scrapy.crawler import CrawlerProcess

USER_AGENT = "birddog/0.2 (+https://birddog.example/bot)"
NEXT = "//a[@rel='next']/@href"
DETAIL = "//article[@class='listing-card']//a[@class='card-link']/@href"
NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
BEDS = re.compile(r"(?P<v>[0-9]+)\s*bd\b")


def number(text, pattern=NUMBER):
    """ "$1,234,567" -> 1234567, "2.5 ba" -> 2.5, "2,100 sq ft" -> 2100 """
    m = pattern.search(text or "")
    if not m:
        return None
    v = float(m.group(m.lastindex or 0).replace(",", ""))
    return int(v) if v == int(v) else v


def text(response, xpath):
    v = response.xpath(f"normalize-space({xpath})").get()
    return v or None


class ListingSpider(scrapy.Spider):
    name = "bench_site"

    def __init__(self, start, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response):
        for href in response.xpath(DETAIL).getall():
            yield response.follow(href, self.parse_detail)
        for href in response.xpath(NEXT).getall():
            yield response.follow(href, self.parse)

    def parse_detail(self, response):
        yield {"source_id": text(response, "//main/@data-listing-id"),
               "address": {"line": text(response, "//h1[@class='address']"),
                           "city": text(response, "//span[@class='city']"),
                           "zip": text(response, "//span[@class='zip']")},
               "price": number(text(response, "//span[@class='price']")),
               "beds": number(text(response, "//span[@class='beds']"), BEDS),
               "baths": number(text(response, "//span[@class='baths']")),
               "sqft": number(text(response, "//span[@class='sqft']"))}


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench-peer-crawl.py START_URL")
    process = CrawlerProcess(settings={
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "FEEDS": {"stdout:": {"format": "jsonlines", "encoding": "utf-8"}},
    })
    crawler = process.create_crawler(ListingSpider)
    process.crawl(crawler, start=sys.argv[1])
    process.start()
    stats = crawler.stats.get_stats()
    if stats.get("log_count/ERROR", 0) or stats.get("finish_reason") != "finished":
        sys.exit(1)


main()
