"""A local Spark session for the tests, the README check and the benchmark: no network, no
UI, the workers on this interpreter (where deboiler is installed)."""

from __future__ import annotations

import os
import sys
import tempfile


def local_spark(cores: int = 2):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    # The JVM and its Python workers start in the current folder, which goes first on the
    # workers' sys.path: start them from a neutral one (in python/, the source folder
    # deboiler/ would shadow the installed package).
    here = os.getcwd()
    os.chdir(tempfile.gettempdir())
    try:
        return _builder(SparkSession, cores).getOrCreate()
    finally:
        os.chdir(here)


def _builder(SparkSession, cores):
    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("deboiler-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
    )
