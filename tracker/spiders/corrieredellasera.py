"""Corriere della Sera (corriere.it): Italian daily newspaper from Milan."""

from __future__ import annotations

from tracker.spiders.base import NewsSpider
from tracker.spiders.sources import Feed, Sitemap


class CorrieredellaseraSpider(NewsSpider):
    """Corriere della Sera."""

    name = "corrieredellasera"
    publisher = "Corriere della Sera"
    allowed_domains = ["corriere.it"]
    # The feeds and sitemaps fundus lists for CorriereDellaSera (publishers_sources.json).
    sources = [
        Feed("https://www.corriere.it/rss/homepage.xml"),
        Feed("https://www.corriere.it/rss/ultimora.xml"),
        Feed("https://www.corriere.it/dynamic-feed/rss/section/Dataroom.xml"),
        Feed("https://www.corriere.it/dynamic-feed/rss/section/lettere-al-direttore.xml"),
        Feed("https://www.corriere.it/dynamic-feed/rss/section/lo-dico-al-corriere.xml"),
        Feed(
            "https://www.corriere.it/dynamic-feed/rss/section/frammenti-di-ferruccio-de-bortoli.xml"
        ),
        Sitemap("https://www.corriere.it/rss/sitemap_v2.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Economia.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Scienze.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Interni.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Esteri.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Sport.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Politica.xml"),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute__Figli__e__Genitori.xml"
        ),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Salute__Sportello__Cancro.xml"
        ),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Elezioni.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Tecnologia.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Offerte__recensioni.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Lotterie.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Spettacoli.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Scuola.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Animali.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Opinioni.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Caffe-gramellini.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Ultimo-banco.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Letti-da-rifarei.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Piccole-dosi.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/L-angolo.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Padiglione-italia.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Facce-nuove.xml"),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Ritorno-in-solferino.xml"
        ),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Oriente-occidente.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Sette.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Moda.xml"),
        Sitemap("https://www.corriere.it/dynamic-sitemap/sitemap-last-100/BuoneNotizie.xml"),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/lettere__al__direttore.xml"
        ),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/lo__dico__al__corriere.xml"
        ),
        Sitemap(
            "https://www.corriere.it/dynamic-sitemap/sitemap-last-100/Frammenti-ferruccio-de-bortoli.xml"
        ),
        Sitemap("https://www.corriere.it/rss/sitemap/Motori.xml"),
        Sitemap("https://www.corriere.it/rss/sitemap/Cultura.xml"),
        Sitemap("https://www.corriere.it/rss/sitemap/lettere-al-direttore.xml"),
        Sitemap("https://www.corriere.it/rss/sitemap/lo-dico-al-corriere.xml"),
        Sitemap("https://www.corriere.it/rss/sitemap/Cook-Last.xml"),
    ]
    country = "IT"
    language = "it"
    timezone = "Europe/Rome"
