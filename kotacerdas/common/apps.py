from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kotacerdas.common"
