using System.Security.Cryptography;
using CommunityBot.Privacy;
using CommunityBot.Tests.Support;
using CsCheck;

namespace CommunityBot.Tests.Privacy;

public sealed class FieldCipherTests
{
    private readonly FieldCipher _cipher = new(TestKeys.Fresh());

    [Fact]
    public void AnyTextComesBackAsItWasWritten() =>
        Gen.String.Sample(text => Assert.Equal(text, _cipher.Decrypt(_cipher.Encrypt(text, "report/1/story"), "report/1/story")));

    [Fact]
    public void TheSameTextEncryptsDifferentlyEachTime()
    {
        var first = _cipher.Encrypt("они снова не дали метадон", "ctx");
        var second = _cipher.Encrypt("они снова не дали метадон", "ctx");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void AnyChangedByteIsDetected()
    {
        var blob = _cipher.Encrypt("the hospital refused", "report/1/story");

        for (var i = 0; i < blob.Length; i++)
        {
            var tampered = (byte[])blob.Clone();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(tampered, "report/1/story"));
        }
    }

    [Fact]
    public void ATruncatedBlobIsRefused()
    {
        var blob = _cipher.Encrypt("x", "ctx");

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(blob[..^1], "ctx"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(blob[..20], "ctx"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt([], "ctx"));
    }

    [Fact]
    public void ACiphertextMovedToAnotherFieldDoesNotDecrypt()
    {
        var blob = _cipher.Encrypt("the hospital refused", "report/1/story");

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(blob, "report/2/story"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(blob, "report/1/facility"));
    }

    [Fact]
    public void AnotherDataKeyCannotDecrypt()
    {
        var blob = _cipher.Encrypt("the hospital refused", "ctx");

        Assert.ThrowsAny<CryptographicException>(() => new FieldCipher(TestKeys.Fresh()).Decrypt(blob, "ctx"));
    }
}
