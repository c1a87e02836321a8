using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace SemanticKernelSample;

/// <summary>A kernel plugin: the model sees its functions as tools and the kernel runs the ones it calls.</summary>
public sealed class TravelPlugin
{
    [KernelFunction("get_weather")]
    [Description("Gets the current weather for a city.")]
    public static string GetWeather([Description("The city, for example Paris.")] string city)
    {
        Console.WriteLine($"  (plugin) get_weather(city: {city})");
        return $"21 °C and clear skies in {city}";
    }
}
