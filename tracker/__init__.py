"""news-tracker: follows news publishers and writes clean, attributed Markdown and JSON lines."""

PROJECT_NAME = "news-tracker"
PROJECT_URL = "https://github.com/news-tracker/news-tracker"
