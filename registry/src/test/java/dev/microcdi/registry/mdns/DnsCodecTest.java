package dev.microcdi.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class DnsCodecTest {

    @Test
    void aResponseSurvivesEncodingAndDecodingWithCompressedNames() throws Exception {
        List<DnsRecord> records = List.of(
                new DnsRecord("greeter.micro.", false, 120, new DnsRecord.Ptr("greeter-1.greeter.micro.")),
                new DnsRecord("greeter-1.greeter.micro.", true, 120, new DnsRecord.Srv(10, 1, 8080,
                        "greeter-1.greeter.micro.")),
                new DnsRecord("greeter-1.greeter.micro.", true, 120, new DnsRecord.Txt(List.of("ab", "cd"))),
                new DnsRecord("greeter-1.greeter.micro.", true, 120,
                        new DnsRecord.Address(InetAddress.getByName("127.0.0.1"))));
        DnsMessage message = new DnsMessage(7, DnsMessage.RESPONSE,
                List.of(new DnsQuestion("greeter.micro.", DnsRecord.PTR, true)), records, List.of(), List.of());

        byte[] bytes = DnsCodec.encode(message);

        assertThat(DnsCodec.decode(bytes, bytes.length)).isEqualTo(message);
        assertThat(bytes.length).isLessThan(150);
    }

    @Test
    void truncatedOrLoopingPacketsAreRefusedAsMalformed() {
        byte[] good = DnsCodec.encode(DnsMessage.query(1, List.of(new DnsQuestion("a.micro.", DnsRecord.PTR, false))));
        for (int length = 0; length < good.length; length++) {
            int cut = length;
            assertThatThrownBy(() -> DnsCodec.decode(good, cut))
                    .isInstanceOf(DnsCodec.MalformedMessageException.class);
        }
        byte[] loop = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 12, 0, 1};
        assertThatThrownBy(() -> DnsCodec.decode(loop, loop.length))
                .isInstanceOf(DnsCodec.MalformedMessageException.class);
    }

    @Test
    void randomBytesNeverFailOtherwiseThanMalformed() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[random.nextInt(0, 200)];
            random.nextBytes(noise);
            try {
                DnsCodec.decode(noise, noise.length);
            } catch (DnsCodec.MalformedMessageException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void namesThatDnsCannotCarryAreRefused() {
        char[] longLabel = new char[64];
        Arrays.fill(longLabel, 'a');
        assertThatThrownBy(() -> DnsCodec.checkName(new String(longLabel) + ".micro."))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 63 bytes");
        assertThatThrownBy(() -> DnsCodec.checkName("a..micro."))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DnsCodec.checkName("greeter.micro"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fully qualified");
    }
}
