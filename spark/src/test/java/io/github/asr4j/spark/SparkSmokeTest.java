package io.github.asr4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSmokeTest {
    @Test
    void starts() throws Exception {
        try (SparkSession spark = SparkSession.builder().master("local[2]").appName("smoke").getOrCreate()) {
            assertThat(spark.range(10).count()).isEqualTo(10);
        }
    }
}
